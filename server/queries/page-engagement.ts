import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface PageEngagementRow {
  value: string;
  pageviews: number;
  visitors: number;
  /** Visible time on the path ÷ its page views: a tab in the background does not count. */
  avgTimeMs: number;
  /**
   * How far down visitors saw it: each session's deepest point on the path, averaged over the
   * sessions that reported one (0 when none did: snippets from before scroll depth).
   */
  scrollPct: number;
}

/** The range's most viewed pages with time on page and scroll depth, from the snippet's engagement events. */
export async function getPageEngagement(
  client: ClickHouseClient,
  scope: Scope,
  limit = 100,
): Promise<PageEngagementRow[]> {
  return readRows(
    client,
    {
      query: `SELECT path AS value, sum(views) AS pageviews, uniqExactIf(visitor, views > 0) AS visitors,
                     if(pageviews = 0, 0, sum(engaged) / pageviews) AS avgTimeMs,
                     ifNotFinite(avgIf(depth, depth > 0), 0) AS scrollPct
              FROM (
                SELECT path, session_key, any(visitor_key) AS visitor, countIf(type = 'pageview') AS views,
                       sumIf(engaged_ms, type = 'engagement') AS engaged,
                       maxIf(scroll_pct, type = 'engagement') AS depth
                FROM ${TABLES.events}
                WHERE ${scope.where} AND type IN ('pageview', 'engagement')
                GROUP BY path, session_key
              )
              GROUP BY path
              HAVING pageviews > 0
              ORDER BY pageviews DESC, value
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({
      value: col.text,
      pageviews: col.int,
      visitors: col.int,
      avgTimeMs: col.float,
      scrollPct: col.float,
    }),
  );
}
