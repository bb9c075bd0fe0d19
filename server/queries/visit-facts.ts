import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** How many visits a visitor has made so far (this one included) and their known name. */
export async function getVisitFacts(client: ClickHouseClient, siteId: string, visitorId: string): Promise<{ visitNumber: number; name: string }> {
  const result = await client.query({
    query: `SELECT (SELECT uniqExact(session_id) FROM ${TABLES.events} WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}) AS visits,
                   (SELECT argMax(if(name != '', name, email), updated_at) FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}) AS name`,
    query_params: { siteId, visitorId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ visits: string; name: string | null }>();
  return { visitNumber: Math.max(1, Number(row?.visits ?? 0)), name: row?.name ?? '' };
}
