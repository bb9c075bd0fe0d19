import type { ClickHouseClient } from '@clickhouse/client';
import type { AgentGroup } from '../contract/groups.ts';
import type { ChatChannel } from '../contract/channels.ts';
import { getAgentGroups } from '../queries/agent-groups.ts';
import { getChannelRoutes } from '../queries/channel-routes.ts';

/**
 * The sites' agent groups and channel routes, held in memory: routing decides in one turn
 * of the event loop (no await between picking an agent and assigning), so it cannot read
 * them from the store. Reloaded whole when a save is announced on the bus.
 */
export class Teams {
  private groups = new Map<string, AgentGroup[]>();
  private routes = new Map<string, Map<string, string>>();

  constructor(private readonly ch: ClickHouseClient) {}

  async load(): Promise<void> {
    const [groups, routes] = await Promise.all([getAgentGroups(this.ch), getChannelRoutes(this.ch)]);
    this.groups = groups;
    this.routes = routes;
  }

  group(siteId: string, groupId: string): AgentGroup | undefined {
    return groupId ? this.groups.get(siteId)?.find((g) => g.groupId === groupId) : undefined;
  }

  /** Who may take a chat of the group; undefined for the pool (or a group deleted since): anyone. */
  members(siteId: string, groupId: string): ReadonlySet<string> | undefined {
    const group = this.group(siteId, groupId);
    return group && new Set(group.members);
  }

  /** The group a new conversation of the channel goes to ('' = the pool, also when its group was deleted). */
  route(siteId: string, channel: ChatChannel): string {
    const groupId = this.routes.get(siteId)?.get(channel) ?? '';
    return this.group(siteId, groupId) ? groupId : '';
  }
}
