import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Token hashes of a user's live (unexpired, not signed-out) sessions. */
export async function getUserSessionHashes(client: ClickHouseClient, userId: string): Promise<string[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT token_hash FROM ${TABLES.authSessions} FINAL
            WHERE user_id = {userId:String} AND expires_at > now64(3)`,
      query_params: { userId },
    },
    z.object({ token_hash: col.text }),
  );
  return rows.map((r) => r.token_hash);
}
