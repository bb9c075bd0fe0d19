import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { StoredAgentSettings } from './agent-settings.ts';

/** Every user's newest stored chat presence; users who never changed theirs are absent (role defaults apply). */
export async function listAgentSettings(client: ClickHouseClient): Promise<Map<string, StoredAgentSettings>> {
  const result = await client.query({
    query: `SELECT user_id AS userId, argMax(status, version) AS status, argMax(max_chats, version) AS maxChats, argMax(takes_chats, version) AS takesChats
            FROM ${TABLES.agentSettings}
            GROUP BY user_id`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ userId: string; status: string; maxChats: number; takesChats: number }>();
  return new Map(rows.map((r) => [r.userId, { status: r.status === 'away' ? 'away' : 'online', maxChats: Number(r.maxChats), takesChats: Number(r.takesChats) === 1 }]));
}
