import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface StoredAlert {
  siteId: string;
  key: string;
  kind: string;
  at: number;
  figures: string;
}

/** The sites' alerts since `since` of the given kinds that `userId` has not marked read, newest first. */
export async function getUnreadAlerts(
  client: ClickHouseClient,
  q: { siteIds: string[]; userId: string; kinds: string[]; since: number; limit: number },
): Promise<StoredAlert[]> {
  if (q.kinds.length === 0 || q.siteIds.length === 0) return [];
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, alert_key, kind, toUnixTimestamp64Milli(at) AS at, figures
              FROM ${TABLES.alerts} FINAL
              WHERE site_id IN {siteIds:Array(String)} AND kind IN {kinds:Array(String)}
                AND at >= fromUnixTimestamp64Milli({since:Int64})
                AND alert_key NOT IN (
                  SELECT alert_key FROM ${TABLES.alertReads}
                  WHERE user_id = {userId:String} AND site_id IN {siteIds:Array(String)}
                )
              ORDER BY at DESC, alert_key
              LIMIT {limit:UInt32}`,
      query_params: q,
    },
    z.object({ site_id: col.text, alert_key: col.text, kind: col.text, at: col.ms, figures: col.text }),
  );
  return rows.map((r) => ({ siteId: r.site_id, key: r.alert_key, kind: r.kind, at: r.at, figures: r.figures }));
}
