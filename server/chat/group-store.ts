import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus } from '../bus/bus.ts';
import { getAgentGroups } from '../queries/agent-groups.ts';
import { getChannelRoutes } from '../queries/channel-routes.ts';
import { listUsers } from '../queries/list-users.ts';
import { newId } from '../sites/site-service.ts';
import { can } from '../contract/roles.ts';
import { ConflictError, InvalidError, NotFoundError } from '../contract/errors.ts';
import {
  GROUP_LIMITS,
  groupInput,
  channelRouteInput,
  type AgentGroup,
  type ChannelRouteInput,
  type GroupInput,
} from '../contract/groups.ts';

let lastVersion = 0;
/** Versions only grow, even for two saves in one millisecond. */
const nextVersion = () => (lastVersion = Math.max(Date.now(), lastVersion + 1));

export async function listGroups(ch: ClickHouseClient, siteId: string): Promise<AgentGroup[]> {
  return (await getAgentGroups(ch)).get(siteId) ?? [];
}

/** Users who may be members: they serve chats (chat:serve) and may open the site. */
export async function groupCandidates(ch: ClickHouseClient, siteId: string): Promise<{ id: string; name: string }[]> {
  return (await listUsers(ch))
    .filter((u) => can(u, 'chat:serve') && (u.role === 'admin' || u.siteIds.includes(siteId)))
    .map((u) => ({ id: u.id, name: u.name }));
}

/** Creates or renames a group and sets its members; the server's routing hears of it on the bus. */
export async function saveGroup(ch: ClickHouseClient, raw: GroupInput): Promise<AgentGroup> {
  const input = groupInput.parse(raw);
  const groups = await listGroups(ch, input.siteId);
  if (input.groupId && !groups.some((g) => g.groupId === input.groupId)) throw new NotFoundError('no such group');
  if (!input.groupId && groups.length >= GROUP_LIMITS.groupsPerSite) throw new InvalidError('too many groups');
  const name = input.name.toLocaleLowerCase();
  if (groups.some((g) => g.groupId !== input.groupId && g.name.toLocaleLowerCase() === name))
    throw new ConflictError('a group of that name exists');
  const allowed = new Set((await groupCandidates(ch, input.siteId)).map((u) => u.id));
  const members = [...new Set(input.members)];
  if (members.some((m) => !allowed.has(m))) throw new InvalidError('a member does not serve chats on this site');
  const group: AgentGroup = { groupId: input.groupId ?? `grp_${newId(12)}`, name: input.name, members };
  await writeGroup(ch, input.siteId, group, 0);
  return group;
}

/** Deletes a group: its queued chats and routes fall back to the pool. */
export async function removeGroup(ch: ClickHouseClient, siteId: string, groupId: string): Promise<void> {
  const group = (await listGroups(ch, siteId)).find((g) => g.groupId === groupId);
  if (!group) throw new NotFoundError('no such group');
  await writeGroup(ch, siteId, group, 1);
}

async function writeGroup(ch: ClickHouseClient, siteId: string, g: AgentGroup, deleted: 0 | 1): Promise<void> {
  await ch.insert({
    table: TABLES.agentGroups,
    values: [
      {
        site_id: siteId,
        group_id: g.groupId,
        name: g.name,
        members: g.members,
        version: nextVersion(),
        is_deleted: deleted,
      },
    ],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('groups', { siteId });
}

/** Each channel's default group for the site ('' = the pool). */
export async function listChannelRoutes(ch: ClickHouseClient, siteId: string): Promise<Record<string, string>> {
  return Object.fromEntries((await getChannelRoutes(ch)).get(siteId) ?? []);
}

export async function setChannelRoute(ch: ClickHouseClient, raw: ChannelRouteInput): Promise<void> {
  const input = channelRouteInput.parse(raw);
  if (input.groupId && !(await listGroups(ch, input.siteId)).some((g) => g.groupId === input.groupId))
    throw new NotFoundError('no such group');
  await ch.insert({
    table: TABLES.channelRoutes,
    values: [{ site_id: input.siteId, channel: input.channel, group_id: input.groupId, version: nextVersion() }],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('groups', { siteId: input.siteId });
}
