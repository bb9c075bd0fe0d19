import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

export interface SiteEventTotals {
  siteId: string;
  events: number;
  pageviews: number;
  visitors: number;
  lastEventAt: number | null;
}

export async function getSiteEventTotals(client: ClickHouseClient): Promise<SiteEventTotals[]> {
  const result = await client.query({
    query: `SELECT site_id AS siteId,
                   count() AS events,
                   countIf(type = 'pageview') AS pageviews,
                   uniq(visitor_id) AS visitors,
                   toUnixTimestamp64Milli(max(ts)) AS lastEventAt
            FROM ${TABLES.events}
            GROUP BY site_id`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ siteId: string; events: string; pageviews: string; visitors: string; lastEventAt: string }>();
  return rows.map((r) => ({
    siteId: r.siteId,
    events: Number(r.events),
    pageviews: Number(r.pageviews),
    visitors: Number(r.visitors),
    lastEventAt: r.lastEventAt === '0' ? null : Number(r.lastEventAt),
  }));
}
