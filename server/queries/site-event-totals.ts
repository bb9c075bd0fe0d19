import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SiteEventTotals {
  siteId: string;
  events: number;
  pageviews: number;
  visitors: number;
  lastEventAt: number | null;
}

export async function getSiteEventTotals(client: ClickHouseClient): Promise<SiteEventTotals[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id AS siteId,
                   count() AS events,
                   countIf(type = 'pageview') AS pageviews,
                   uniq(visitor_id) AS visitors,
                   toUnixTimestamp64Milli(max(ts)) AS lastEventAt
            FROM ${TABLES.events}
            GROUP BY site_id`,
    },
    z.object({ siteId: col.text, events: col.int, pageviews: col.int, visitors: col.int, lastEventAt: col.ms }),
  );
  return rows.map((r) => ({ ...r, lastEventAt: r.lastEventAt === 0 ? null : r.lastEventAt }));
}
