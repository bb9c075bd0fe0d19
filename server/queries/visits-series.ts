import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SeriesInterval } from '../contract/report-input.ts';
import type { Scope } from './fragments/report-scope.ts';
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
                   countIf(type = 'pageview') AS pageviews,
                   countIf(type = 'chat_started') AS chats,
                   countIf(type = 'lead_created') AS leads,
                   countIf(type = 'order') AS orders
            FROM ${TABLES.events}
            WHERE ${scope.where}
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
