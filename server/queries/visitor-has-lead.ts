import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** Whether the visitor has any lead on the site (identify creates one only for the first). */
export async function visitorHasLead(client: ClickHouseClient, siteId: string, visitorId: string): Promise<boolean> {
  const result = await client.query({
    query: `SELECT count() AS n FROM ${TABLES.leads} WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}`,
    query_params: { siteId, visitorId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row?.n ?? 0) > 0;
}
