import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { StoredAgentSettings } from './agent-settings.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every user's newest stored chat presence; users who never changed theirs are absent (role defaults apply). */
export async function listAgentSettings(client: ClickHouseClient): Promise<Map<string, StoredAgentSettings>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT user_id AS userId, argMax(status, version) AS status, argMax(max_chats, version) AS maxChats, argMax(takes_chats, version) AS takesChats, argMax(takes_calls, version) AS takesCalls
            FROM ${TABLES.agentSettings}
            GROUP BY user_id`,
    },
    z.object({ userId: col.text, status: col.text, maxChats: col.int, takesChats: col.flag, takesCalls: col.flag }),
  );
  return new Map(
    rows.map((r) => [
      r.userId,
      {
        status: r.status === 'away' ? 'away' : 'online',
        maxChats: r.maxChats,
        takesChats: r.takesChats,
        takesCalls: r.takesCalls,
      },
    ]),
  );
}
