import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** Token hashes of a user's live (unexpired, not signed-out) sessions. */
export async function getUserSessionHashes(client: ClickHouseClient, userId: string): Promise<string[]> {
  const result = await client.query({
    query: `SELECT token_hash FROM ${TABLES.authSessions} FINAL
            WHERE user_id = {userId:String} AND expires_at > now64(3)`,
    query_params: { userId },
    format: 'JSONEachRow',
  });
  return (await result.json<{ token_hash: string }>()).map((r) => r.token_hash);
}
