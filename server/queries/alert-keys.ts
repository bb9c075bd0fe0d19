import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Which of these alert keys a site has stored already: an alert found again is not raised twice. */
export async function getAlertKeys(client: ClickHouseClient, siteId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await readRows(
    client,
    {
      query: `SELECT DISTINCT alert_key FROM ${TABLES.alerts}
              WHERE site_id = {siteId:String} AND alert_key IN {keys:Array(String)}`,
      query_params: { siteId, keys },
    },
    z.object({ alert_key: col.text }),
  );
  return new Set(rows.map((r) => r.alert_key));
}
