import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ResolvedRange } from '../contract/report-input.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** A chat request answered later than this (or never) counts as one that waited. */
export const WAIT_THRESHOLD_SECONDS = 30;

/**
 * One weekday × hour of the site's time zone, summed over every such hour of the range.
 * Divide by `weeks[weekday - 1]` for "a typical Monday at 10:00".
 */
export interface HeatmapCell {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0 … 23. */
  hour: number;
  /** Distinct visitors of each of those hours, added up over the days. */
  visitors: number;
  /** chat_requested events. */
  requests: number;
  /** Requests answered more than WAIT_THRESHOLD_SECONDS later, or never. */
  waited: number;
  /** Mean request → chat_started, over the answered requests (0 when none). */
  avgWaitSeconds: number;
  /** Chats with both chat_started and chat_ended, by the hour they started. */
  handled: number;
  /** Mean chat_started → chat_ended over those chats (0 when none). */
  avgHandleSeconds: number;
  /** Distinct agents active in each of those hours (chat_started, a message they sent, or a call they answered), added up over the days. */
  agents: number;
  /** Web calls asked for (call_requested, from the visitor or an agent), by the hour they were asked. */
  calls: number;
  /** Of those, the answered calls that ended (their talk time is known). */
  callsHandled: number;
  /** Mean talk time (answer → hang-up) over those calls (0 when none). */
  avgCallSeconds: number;
}

export interface StaffingHeatmap {
  /** 7 × 24 cells, Monday 00:00 first; hours without events are zeros. */
  cells: HeatmapCell[];
  /** How often each weekday (Monday first) occurs in the range. */
  weeks: number[];
}

// Chats are read a day beyond the range on both sides, so a request at 23:59 on the last
// day still finds its answer, and a chat started in the range finds its end.
const CHAT_SLACK_MS = 86_400_000;

// One row per chat: when it was requested, started and ended.
const CHATS = `SELECT chat_id,
                      countIf(type = 'chat_requested') > 0 AS has_request, minIf(ts, type = 'chat_requested') AS requested,
                      countIf(type = 'chat_started') > 0 AS has_start, minIf(ts, type = 'chat_started') AS started,
                      countIf(type = 'chat_ended') > 0 AS has_end, maxIf(ts, type = 'chat_ended') AS ended
               FROM ${TABLES.events}
               WHERE site_id = {siteId:String}
                 AND ts >= fromUnixTimestamp64Milli({chatFrom:Int64}) AND ts < fromUnixTimestamp64Milli({chatTo:Int64})
                 AND type IN ('chat_requested', 'chat_started', 'chat_ended') AND chat_id != ''
               GROUP BY chat_id`;

// One row per web call: when it was asked for, and its talk time once it ended. A call is
// read a day beyond the range too, so one asked at 23:59 still finds its end.
const CALLS = `SELECT props['call_id'] AS call_id,
                      countIf(type = 'call_requested') > 0 AS has_request, minIf(ts, type = 'call_requested') AS requested,
                      countIf(type = 'call_ended') > 0 AS has_end, sumIf(toInt64OrZero(props['duration_ms']), type = 'call_ended') AS talk_ms
               FROM ${TABLES.events}
               WHERE site_id = {siteId:String}
                 AND ts >= fromUnixTimestamp64Milli({chatFrom:Int64}) AND ts < fromUnixTimestamp64Milli({chatTo:Int64})
                 AND type IN ('call_requested', 'call_ended') AND props['call_id'] != ''
               GROUP BY call_id`;

const IN_RANGE = (col: string) =>
  `${col} >= fromUnixTimestamp64Milli({from:Int64}) AND ${col} < fromUnixTimestamp64Milli({to:Int64})`;

const CELL_COLUMNS = [
  'weekday',
  'hour',
  'visitors',
  'agents',
  'requests',
  'waited',
  'answered',
  'wait_ms',
  'handled',
  'handle_ms',
  'calls',
  'calls_handled',
  'call_ms',
] as const;
const cellRow = z.object(
  Object.fromEntries(CELL_COLUMNS.map((k) => [k, col.int])) as Record<(typeof CELL_COLUMNS)[number], typeof col.int>,
);

/**
 * Visitors, chat requests, waits, handling times, web calls and active agents per weekday × hour in
 * the site's time zone, over the range. The page filters are not applied: staffing
 * answers for all of the site's traffic (an agent serves every country and source).
 * Four parts, one per grain (a local hour of a day for visitors and agents, a chat for
 * its request and its handling, a call for its request and talk time), are summed per weekday × hour.
 */
export async function getStaffingHeatmap(
  client: ClickHouseClient,
  siteId: string,
  range: Pick<ResolvedRange, 'from' | 'to' | 'firstDay' | 'days'>,
  timeZone: string,
): Promise<StaffingHeatmap> {
  const rows = await readRows(
    client,
    {
      query: `SELECT weekday, hour, sum(visitors) AS visitors, sum(agents) AS agents, sum(requests) AS requests, sum(waited) AS waited,
                   sum(answered) AS answered, sum(wait_ms) AS wait_ms, sum(handled) AS handled, sum(handle_ms) AS handle_ms,
                   sum(calls) AS calls, sum(calls_handled) AS calls_handled, sum(call_ms) AS call_ms
            FROM (
              SELECT toDayOfWeek(day) AS weekday, hour, toUInt64(uniqExactMerge(visitor_set)) AS visitors, toUInt64(0) AS agents,
                     toUInt64(0) AS requests, toUInt64(0) AS waited, toUInt64(0) AS answered, toInt64(0) AS wait_ms, toUInt64(0) AS handled, toInt64(0) AS handle_ms,
                     toUInt64(0) AS calls, toUInt64(0) AS calls_handled, toInt64(0) AS call_ms
              FROM ${TABLES.visitorQuarters}
              WHERE site_id = {siteId:String} AND ${IN_RANGE('quarter')}
              GROUP BY toDate(quarter, {tz:String}) AS day, toHour(quarter, {tz:String}) AS hour
              UNION ALL
              -- agents from their quarters (migration 0048): a local hour is four whole quarters
              SELECT toDayOfWeek(day), hour, toUInt64(0), toUInt64(uniqExact(agent_id)), toUInt64(0), toUInt64(0), toUInt64(0), toInt64(0), toUInt64(0), toInt64(0),
                     toUInt64(0), toUInt64(0), toInt64(0)
              FROM ${TABLES.agentQuarters}
              WHERE site_id = {siteId:String} AND ${IN_RANGE('quarter')}
              GROUP BY toDate(quarter, {tz:String}) AS day, toHour(quarter, {tz:String}) AS hour
              UNION ALL
              -- one pass over the chats gives a request fact (at its request) and a handled fact (at its start)
              SELECT toDayOfWeek(fact.1, 0, {tz:String}), toHour(fact.1, {tz:String}), toUInt64(0), toUInt64(0), fact.2, fact.3, fact.4, fact.5, fact.6, fact.7,
                     toUInt64(0), toUInt64(0), toInt64(0)
              FROM (${CHATS})
              ARRAY JOIN arrayConcat(
                if(has_request AND ${IN_RANGE('requested')},
                   [(requested, toUInt64(1), toUInt64(NOT has_start OR started > requested + toIntervalSecond({threshold:UInt32})), toUInt64(has_start),
                     if(has_start, greatest(toInt64(0), toUnixTimestamp64Milli(started) - toUnixTimestamp64Milli(requested)), toInt64(0)), toUInt64(0), toInt64(0))],
                   []),
                if(has_start AND has_end AND ${IN_RANGE('started')},
                   [(started, toUInt64(0), toUInt64(0), toUInt64(0), toInt64(0), toUInt64(1), greatest(toInt64(0), toUnixTimestamp64Milli(ended) - toUnixTimestamp64Milli(started)))],
                   [])) AS fact
              UNION ALL
              -- calls are demand beside the chats, at the hour they were asked for
              SELECT toDayOfWeek(requested, 0, {tz:String}), toHour(requested, {tz:String}), toUInt64(0), toUInt64(0), toUInt64(0), toUInt64(0),
                     toUInt64(0), toInt64(0), toUInt64(0), toInt64(0), toUInt64(1), toUInt64(has_end), if(has_end, greatest(toInt64(0), talk_ms), toInt64(0))
              FROM (${CALLS})
              WHERE has_request AND ${IN_RANGE('requested')}
            )
            GROUP BY weekday, hour`,
      query_params: {
        siteId,
        from: range.from,
        to: range.to,
        chatFrom: range.from - CHAT_SLACK_MS,
        chatTo: range.to + CHAT_SLACK_MS,
        tz: timeZone,
        threshold: WAIT_THRESHOLD_SECONDS,
      },
    },
    cellRow,
  );
  const byCell = new Map(rows.map((r) => [`${r.weekday}-${r.hour}`, r]));
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const r = byCell.get(`${weekday}-${hour}`);
      const n = (k: (typeof CELL_COLUMNS)[number]) => r?.[k] ?? 0;
      cells.push({
        weekday,
        hour,
        visitors: n('visitors'),
        requests: n('requests'),
        waited: n('waited'),
        avgWaitSeconds: n('answered') ? n('wait_ms') / n('answered') / 1000 : 0,
        handled: n('handled'),
        avgHandleSeconds: n('handled') ? n('handle_ms') / n('handled') / 1000 : 0,
        agents: n('agents'),
        calls: n('calls'),
        callsHandled: n('calls_handled'),
        avgCallSeconds: n('calls_handled') ? n('call_ms') / n('calls_handled') / 1000 : 0,
      });
    }
  }
  return { cells, weeks: weekdayCounts(range.firstDay, range.days) };
}

/** How many Mondays … Sundays the `days` local days from `firstDay` hold. */
export function weekdayCounts(firstDay: string, days: number): number[] {
  const weeks = [0, 0, 0, 0, 0, 0, 0];
  const first = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < days; i++) {
    const sundayZero = new Date(first + i * 86_400_000).getUTCDay();
    const mondayZero = (sundayZero + 6) % 7;
    weeks[mondayZero] = (weeks[mondayZero] ?? 0) + 1;
  }
  return weeks;
}
