import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

export interface StoredAgentSettings {
  status: 'online' | 'away';
  maxChats: number;
  takesChats: boolean;
}

/** A user's newest stored chat presence, or null when they never changed it (role defaults apply). */
export async function getAgentSettings(client: ClickHouseClient, userId: string): Promise<StoredAgentSettings | null> {
  const result = await client.query({
    query: `SELECT status, max_chats AS maxChats, takes_chats AS takesChats
            FROM ${TABLES.agentSettings}
            WHERE user_id = {userId:String}
            ORDER BY version DESC
            LIMIT 1`,
    query_params: { userId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ status: string; maxChats: number; takesChats: number }>();
  if (!row) return null;
  return { status: row.status === 'away' ? 'away' : 'online', maxChats: Number(row.maxChats), takesChats: Number(row.takesChats) === 1 };
}
