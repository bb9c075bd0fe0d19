import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Role } from '../contract/roles.ts';
import { getAgentSettings, type StoredAgentSettings } from '../queries/agent-settings.ts';
import { realtimeBus } from '../bus/bus.ts';

export type AgentSettings = StoredAgentSettings;

export const DEFAULT_MAX_CHATS = 5;

/**
 * Agents are hired to chat; admins and managers open the dashboard for other reasons and
 * take chats only once they say so ("I take chats").
 */
export function defaultAgentSettings(role: Role): AgentSettings {
  return { status: 'online', maxChats: DEFAULT_MAX_CHATS, takesChats: role === 'agent', takesCalls: false };
}

export async function loadAgentSettings(client: ClickHouseClient, userId: string, role: Role): Promise<AgentSettings> {
  return (await getAgentSettings(client, userId)) ?? defaultAgentSettings(role);
}

// Versions only grow within the process (the only writer), even for two changes in one millisecond.
let lastVersion = 0;

export async function saveAgentSettings(
  client: ClickHouseClient,
  userId: string,
  settings: AgentSettings,
): Promise<void> {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  await client.insert({
    table: TABLES.agentSettings,
    values: [
      {
        user_id: userId,
        status: settings.status,
        max_chats: settings.maxChats,
        takes_chats: settings.takesChats ? 1 : 0,
        takes_calls: settings.takesCalls ? 1 : 0,
        version: lastVersion,
      },
    ],
    format: 'JSONEachRow',
  });
}

/**
 * An admin sets whether a user takes chats (Settings → Users, run by tRPC inside Next). The
 * row keeps the user's stored status and chats at once; the server's memory of their open
 * tabs hears of it on the bus and shows it there at once.
 */
export async function setTakesChats(
  client: ClickHouseClient,
  user: { id: string; role: Role },
  takesChats: boolean,
): Promise<AgentSettings> {
  const settings = { ...(await loadAgentSettings(client, user.id, user.role)), takesChats };
  await saveAgentSettings(client, user.id, settings);
  realtimeBus().publish('agentSettings', { userId: user.id, takesChats });
  return settings;
}
