import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { CALLBACK_OVERDUE_MS } from '../contract/callbacks.ts';

/**
 * Per site, the open callbacks nobody has claimed that are overdue at `now`: what the team
 * is alerted to (a claimed one is being worked). Sites with none are absent.
 */
export async function countOverdueCallbacks(
  client: ClickHouseClient,
  siteIds: string[],
  now: number,
): Promise<Map<string, number>> {
  if (siteIds.length === 0) return new Map();
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, count() AS n
              FROM ${TABLES.callbacks} FINAL
              WHERE site_id IN {siteIds:Array(String)} AND state = 'open' AND claimed_by = ''
                AND due_at < fromUnixTimestamp64Milli({before:Int64})
              GROUP BY site_id`,
      query_params: { siteIds, before: now - CALLBACK_OVERDUE_MS },
    },
    z.object({ site_id: col.text, n: col.int }),
  );
  return new Map(rows.map((r) => [r.site_id, r.n]));
}
