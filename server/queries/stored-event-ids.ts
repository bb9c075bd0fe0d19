import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** Which of a visitor's event ids are stored already: a replayed step writes only the others. */
export async function getStoredEventIds(client: ClickHouseClient, siteId: string, visitorId: string, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const result = await client.query({
    query: `SELECT DISTINCT toString(event_id) AS id FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String} AND toString(event_id) IN {eventIds:Array(String)}`,
    query_params: { siteId, visitorId, eventIds },
    format: 'JSONEachRow',
  });
  return new Set((await result.json<{ id: string }>()).map((r) => r.id));
}
