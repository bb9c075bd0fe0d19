import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SeriesPoint {
  /** Start of the bucket (local hour or local day of the site), epoch ms. */
  at: number;
  visitors: number;
  sessions: number;
  pageviews: number;
}

const BUCKET = { hour: 'toStartOfHour', day: 'toStartOfDay' } as const;

/** Visitors, sessions and page views per local hour or day; empty buckets are absent. */
export async function getVisitsSeries(
  client: ClickHouseClient,
  scope: Scope,
  bucket: keyof typeof BUCKET,
  timeZone: string,
): Promise<SeriesPoint[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT toUnixTimestamp(${BUCKET[bucket]}(ts, {tz:String})) * 1000 AS at,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   countIf(type = 'pageview') AS pageviews
            FROM ${TABLES.events}
            WHERE ${scope.where}
            GROUP BY at
            ORDER BY at`,
      query_params: { ...scope.params, tz: timeZone },
    },
    z.object({ at: col.ms, visitors: col.int, sessions: col.int, pageviews: col.int }),
  );
  return rows;
}
