import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';

export interface SeriesPoint {
  /** Start of the bucket (local hour or local day of the site), epoch ms. */
  at: number;
  visitors: number;
  sessions: number;
  pageviews: number;
}

const BUCKET = { hour: 'toStartOfHour', day: 'toStartOfDay' } as const;

/** Visitors, sessions and page views per local hour or day; empty buckets are absent. */
export async function getVisitsSeries(client: ClickHouseClient, scope: Scope, bucket: keyof typeof BUCKET, timeZone: string): Promise<SeriesPoint[]> {
  const result = await client.query({
    query: `SELECT toUnixTimestamp(${BUCKET[bucket]}(ts, {tz:String})) * 1000 AS at,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   countIf(type = 'pageview') AS pageviews
            FROM ${TABLES.events}
            WHERE ${scope.where}
            GROUP BY at
            ORDER BY at`,
    query_params: { ...scope.params, tz: timeZone },
    format: 'JSONEachRow',
  });
  return (await result.json<Record<keyof SeriesPoint, string>>()).map((r) => ({ at: Number(r.at), visitors: Number(r.visitors), sessions: Number(r.sessions), pageviews: Number(r.pageviews) }));
}
