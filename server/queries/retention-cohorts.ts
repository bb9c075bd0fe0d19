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
  if (subject === 'visitors')
    return readRows(client, { query: visitorCohorts(period, params.from), query_params }, schema);
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

/**
 * SQL of the visitors' cohorts, from the per-visitor rollup (migration 0042). Every later visit
 * of a cohort's visitor is at or after their first, so after `from`: no bound on the returns. A
 * visitor's periods are distinct, so count() is exact.
 *
 * While the periods from the range's first to now number under 64, a visitor's periods are the
 * bits of one UInt64 (bit i: i periods after the range's first), OR-ed while grouping: a fixed
 * state instead of an array per visitor (30M events: ~485 → ~325 ms p50, the same cells; 10M:
 * bench/RESULTS.md). Page views are never later than their arrival (enrich), so none falls past
 * the last bit. Further back, each visitor's periods as one array made distinct once, grouped by
 * hash (a hash set per visitor read in order cost ~1.5× as much).
 */
function visitorCohorts(period: RetentionPeriod, from: number): string {
  const { start, unit } = RETENTION_PERIODS[period];
  const having = `HAVING first >= fromUnixTimestamp64Milli({from:Int64}) AND first < fromUnixTimestamp64Milli({to:Int64})`;
  const rollup = `${TABLES.visitorViewQuarters} WHERE site_id = {siteId:String} GROUP BY visitor_key ${having}`;
  if (periodsSince(from, period) < 64) {
    const base = start('fromUnixTimestamp64Milli({from:Int64})');
    const bit = `dateDiff('${unit}', ${base}, ${start('quarter')})`;
    return `SELECT toString(${start('first')}) AS cohort, toInt64(p) - dateDiff('${unit}', ${base}, ${start('first')}) AS period,
                   count() AS visitors
            FROM (
              SELECT visitor_key, min(first_ts) AS first,
                     groupBitOr(toUInt64(if(${bit} BETWEEN 0 AND 63, bitShiftLeft(toUInt64(1), toUInt8(${bit})), 0))) AS bits
              FROM ${rollup}
            ) ARRAY JOIN bitPositionsToArray(bits) AS p
            GROUP BY cohort, period
            ORDER BY cohort, period`;
  }
  return `SELECT toString(${start('first')}) AS cohort, dateDiff('${unit}', ${start('first')}, p) AS period,
                 count() AS visitors
          FROM (
            SELECT visitor_key, min(first_ts) AS first, arrayDistinct(groupArray(${start('quarter')})) AS periods
            FROM ${rollup}
          ) ARRAY JOIN periods AS p
          GROUP BY cohort, period
          ORDER BY cohort, period`;
}

/** Periods from the one holding `from` to now, counted generously (a day's margin for any time zone). */
function periodsSince(from: number, period: RetentionPeriod): number {
  const days = (Date.now() - from) / 86_400_000 + 2;
  return period === 'week' ? Math.ceil(days / 7) + 1 : Math.ceil(days / 28) + 1;
}
