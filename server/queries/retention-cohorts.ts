import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { liveOrder } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Cohort periods; the SQL comes only from this table. Weeks start on Monday, in the site's time zone. */
export const RETENTION_PERIODS = {
  week: { start: (ts: string) => `toStartOfWeek(${ts}, 1, {tz:String})`, unit: 'week' },
  month: { start: (ts: string) => `toStartOfMonth(${ts}, {tz:String})`, unit: 'month' },
} as const;
export type RetentionPeriod = keyof typeof RETENTION_PERIODS;

/** Whose return is measured: any visitor by their page views, or buyers by their (counting) orders. */
export const RETENTION_SUBJECTS = {
  visitors: `type = 'pageview'`,
  buyers: `type = 'order' AND ${liveOrder('order_id', 'toUnixTimestamp64Milli(ts)')}`,
} as const;
export type RetentionSubject = keyof typeof RETENTION_SUBJECTS;

export interface RetentionCell {
  /** The cohort's first local day, YYYY-MM-DD. */
  cohort: string;
  /** 0 = the cohort's own period, 1 = the next, … */
  period: number;
  visitors: number;
}

/**
 * Cohorts by first visit (or first order) ever, for visitors whose first one falls in
 * [from, to), and how many of each came back (or ordered again) in each later period up to
 * now. A visitor counts once per period however often they came. Page filters are not
 * applied: a cohort is everyone who arrived.
 */
export async function getRetentionCohorts(
  client: ClickHouseClient,
  params: { siteId: string; from: number; to: number; timeZone: string },
  period: RetentionPeriod,
  subject: RetentionSubject,
): Promise<RetentionCell[]> {
  const { start, unit } = RETENTION_PERIODS[period];
  const query_params = { siteId: params.siteId, from: params.from, to: params.to, tz: params.timeZone };
  const schema = z.object({ cohort: col.text, period: col.int, visitors: col.int });
  // Every later visit of a cohort's visitor is at or after their first, so after `from`: the
  // rollup needs no bound on the returns. A visitor's periods are distinct, so count() is exact.
  // A plain array made distinct once, grouped by hash rather than in the rollup's order: a hash
  // set per visitor (groupUniqArray) read in order cost ~1.5× as much (10M: ~275 → ~185 ms;
  // 30M: ~765 → ~510, bench/RESULTS.md).
  if (subject === 'visitors')
    return readRows(
      client,
      {
        query: `SELECT toString(${start('first')}) AS cohort, dateDiff('${unit}', ${start('first')}, p) AS period,
                       count() AS visitors
                FROM (
                  SELECT visitor_key, min(first_ts) AS first, arrayDistinct(groupArray(${start('quarter')})) AS periods
                  FROM ${TABLES.visitorViewQuarters}
                  WHERE site_id = {siteId:String}
                  GROUP BY visitor_key
                  HAVING first >= fromUnixTimestamp64Milli({from:Int64}) AND first < fromUnixTimestamp64Milli({to:Int64})
                ) ARRAY JOIN periods AS p
                GROUP BY cohort, period
                ORDER BY cohort, period`,
        query_params,
      },
      schema,
    );
  const rows = `${TABLES.events} WHERE site_id = {siteId:String} AND ${RETENTION_SUBJECTS[subject]}`;
  return readRows(
    client,
    {
      query: `SELECT toString(${start('f.first_ts')}) AS cohort,
                     dateDiff('${unit}', ${start('f.first_ts')}, ${start('e.ts')}) AS period,
                     uniqExact(e.visitor_key) AS visitors
              FROM (SELECT visitor_key, ts FROM ${rows} AND ts >= fromUnixTimestamp64Milli({from:Int64})) AS e
              INNER JOIN (
                SELECT visitor_key, min(ts) AS first_ts FROM ${rows}
                GROUP BY visitor_key
                HAVING first_ts >= fromUnixTimestamp64Milli({from:Int64}) AND first_ts < fromUnixTimestamp64Milli({to:Int64})
              ) AS f ON f.visitor_key = e.visitor_key
              GROUP BY cohort, period
              ORDER BY cohort, period`,
      query_params,
    },
    schema,
  );
}
