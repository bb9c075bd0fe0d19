import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Which of a visitor's event ids are stored already: a replayed step writes only the others. */
export async function getStoredEventIds(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
  eventIds: string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await readRows(
    client,
    {
      query: `SELECT DISTINCT toString(event_id) AS id FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String} AND toString(event_id) IN {eventIds:Array(String)}`,
      query_params: { siteId, visitorId, eventIds },
    },
    z.object({ id: col.text }),
  );
  return new Set(rows.map((r) => r.id));
}
