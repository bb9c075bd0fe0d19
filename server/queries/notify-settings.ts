import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The newest stored settings JSON of every scope starting with `prefix` (`site:`, `user:`, or one whole scope). */
export async function getNotifySettings(client: ClickHouseClient, prefix: string): Promise<Map<string, string>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT scope, argMax(settings, version) AS settings FROM ${TABLES.notifySettings}
              WHERE startsWith(scope, {prefix:String}) GROUP BY scope`,
      query_params: { prefix },
    },
    z.object({ scope: col.text, settings: col.text }),
  );
  return new Map(rows.map((r) => [r.scope, r.settings]));
}
