import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/**
 * Which of these order events the store already has. The time range and type narrow the read to a
 * few granules of the sort key; the ids are the events' own (chosen before they were written).
 */
export async function getStoredOrderEventIds(
  client: ClickHouseClient,
  events: readonly { site_id: string; ts: number; event_id: string }[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows = await readRows(
    client,
    {
      query: `SELECT toString(event_id) AS id FROM ${TABLES.events}
            WHERE site_id IN {sites:Array(String)} AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts <= fromUnixTimestamp64Milli({to:Int64})
              AND type = 'order' AND event_id IN {ids:Array(UUID)}`,
      query_params: {
        sites: [...new Set(events.map((e) => e.site_id))],
        from: Math.min(...events.map((e) => e.ts)),
        to: Math.max(...events.map((e) => e.ts)),
        ids: events.map((e) => e.event_id),
      },
    },
    z.object({ id: col.text }),
  );
  return new Set(rows.map((r) => r.id));
}
