import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface StoredAgentSettings {
  status: 'online' | 'away';
  maxChats: number;
  takesChats: boolean;
  /** "I take calls" (migration 0024): off until the user says so, a call needs a headset. */
  takesCalls: boolean;
}

/** A user's newest stored chat presence, or null when they never changed it (role defaults apply). */
export async function getAgentSettings(client: ClickHouseClient, userId: string): Promise<StoredAgentSettings | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT status, max_chats AS maxChats, takes_chats AS takesChats, takes_calls AS takesCalls
            FROM ${TABLES.agentSettings}
            WHERE user_id = {userId:String}
            ORDER BY version DESC
            LIMIT 1`,
      query_params: { userId },
    },
    z.object({ status: col.text, maxChats: col.int, takesChats: col.flag, takesCalls: col.flag }),
  );
  const [row] = rows;
  if (!row) return null;
  return {
    status: row.status === 'away' ? 'away' : 'online',
    maxChats: row.maxChats,
    takesChats: row.takesChats,
    takesCalls: row.takesCalls,
  };
}
