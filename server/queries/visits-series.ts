import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SeriesInterval } from '../contract/report-input.ts';
import type { Scope } from './fragments/report-scope.ts';
import { sessionQuartersOf, sessionRollupServes } from './fragments/scope-visitors.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SeriesPoint {
  /** Start of the bucket (local hour, day, Monday or first of the month of the site), epoch ms. */
  at: number;
  visitors: number;
  sessions: number;
  pageviews: number;
  chats: number;
  leads: number;
  orders: number;
}

// The instant on the site's clock, moved `shift` calendar days on (an overlay drawn on the
// range's own buckets); weeks and months are dates, started at local midnight.
const AT = 'toTimeZone(ts, {tz:String}) + toIntervalDay({shift:Int32})';
const BUCKET: Record<SeriesInterval, string> = {
  hour: `toStartOfHour(${AT})`,
  day: `toStartOfDay(${AT})`,
  week: `toDateTime(toStartOfWeek(${AT}, 1), {tz:String})`,
  month: `toDateTime(toStartOfMonth(${AT}), {tz:String})`,
};

/**
 * SQL: the scope's rows as (ts, visitor_key, session_key, pv, chat, lead, ord), the last four
 * to be summed per bucket.
 *
 * Over whole quarters and without a tag filter, from the rollup session_quarters (migration
 * 0045: every event but orders, ~1 row per session and quarter with its page views) at its
 * quarter, and the range's chat, lead and live order events beside it: a report bucket (a
 * local hour, day, week or month) is whole UTC quarters, as every time zone's offset is. At
 * 30M events, 30 days by day: 174 against 399 ms p50 (bench/RESULTS.md, "Visits per day from
 * the session rollup"). Any other scope reads the events.
 */
function seriesRows(scope: Scope): string {
  if (!sessionRollupServes(scope))
    return `SELECT ts, visitor_key, session_key, toUInt64(type = 'pageview') AS pv, toUInt64(type = 'chat_started') AS chat,
                   toUInt64(type = 'lead_created') AS lead, toUInt64(type = 'order') AS ord
            FROM ${TABLES.events}
            WHERE ${scope.where}`;
  return `SELECT quarter AS ts, visitor_key, session_key, pageviews AS pv, toUInt64(0) AS chat, toUInt64(0) AS lead, toUInt64(0) AS ord
          FROM ${TABLES.sessionQuarters}
          WHERE ${sessionQuartersOf(scope)}
          UNION ALL
          SELECT ts, visitor_key, session_key, toUInt64(0), toUInt64(type = 'chat_started'), toUInt64(type = 'lead_created'), toUInt64(type = 'order')
          FROM ${TABLES.events}
          WHERE ${scope.where} AND type IN ('chat_started', 'lead_created', 'order')`;
}

/**
 * Per bucket: visitors, sessions and page views (a visitor or session spanning two buckets
 * counts in both), and chats, leads and orders by their own events, as the KPI tiles count
 * them; empty buckets are absent. With `shiftDays`, each event is counted in the bucket of the
 * same local time that many days later (the comparison period laid over the range).
 */
export async function getVisitsSeries(
  client: ClickHouseClient,
  scope: Scope,
  interval: SeriesInterval,
  timeZone: string,
  shiftDays = 0,
): Promise<SeriesPoint[]> {
  return readRows(
    client,
    {
      query: `SELECT toUnixTimestamp(${BUCKET[interval]}) * 1000 AS at,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   sum(pv) AS pageviews,
                   sum(chat) AS chats,
                   sum(lead) AS leads,
                   sum(ord) AS orders
            FROM (${seriesRows(scope)})
            GROUP BY at
            ORDER BY at`,
      query_params: { ...scope.params, tz: timeZone, shift: shiftDays },
    },
    z.object({
      at: col.ms,
      visitors: col.int,
      sessions: col.int,
      pageviews: col.int,
      chats: col.int,
      leads: col.int,
      orders: col.int,
    }),
  );
}
