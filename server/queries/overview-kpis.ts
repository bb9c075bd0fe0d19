import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { sessionQuartersOf, sessionRollupServes } from './fragments/scope-visitors.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface OverviewKpis {
  visitors: number;
  sessions: number;
  pageviews: number;
  /** Share of sessions with page views that viewed exactly one page. */
  bounceRate: number;
  /** Mean of (last event − first event) per session; one-event sessions count as 0. */
  avgSessionMs: number;
  chats: number;
  leads: number;
  orders: number;
  /** Per currency, largest first: currencies are never added together. */
  revenue: Money[];
}

const kpiRow = z.object({
  visitors: col.int,
  sessions: col.int,
  pageviews: col.int,
  bounceRate: col.float,
  avgSessionMs: col.float,
  chats: col.int,
  leads: col.int,
  orders: col.int,
  revenue: moneyColumn,
});
const EMPTY: OverviewKpis = {
  visitors: 0,
  sessions: 0,
  pageviews: 0,
  bounceRate: 0,
  avgSessionMs: 0,
  chats: 0,
  leads: 0,
  orders: 0,
  revenue: [],
};

/**
 * SQL: one row per session of the scope with its visitor, page views (`pv`) and duration.
 *
 * Over whole quarters and without a tag filter, from the rollup session_quarters (migration
 * 0045: every event but orders, ~1 row per session and quarter) and the range's live order
 * events beside it, which may start or end a session; at 30M events, 30 days, the tiles take
 * 436 against 522 ms p50 (bench/RESULTS.md, "One row per session and quarter"). Any other
 * scope reads the events. A session's visitor is its least visitor key, not any(): a session
 * with events of two visitor ids then counts the same one on both paths and in every call.
 */
function sessionFigures(scope: Scope): string {
  if (!sessionRollupServes(scope))
    return `SELECT session_key, min(visitor_key) AS visitor, countIf(type = 'pageview') AS pv,
                   dateDiff('millisecond', min(ts), max(ts)) AS duration
            FROM ${TABLES.events}
            WHERE ${scope.where}
            GROUP BY session_key`;
  return `SELECT session_key, min(visitor_key) AS visitor, sum(pageviews) AS pv,
                 dateDiff('millisecond', min(first_ts), max(last_ts)) AS duration
          FROM (
            SELECT session_key, visitor_key, pageviews, first_ts, last_ts FROM ${TABLES.sessionQuarters}
            WHERE ${sessionQuartersOf(scope)}
            UNION ALL
            SELECT session_key, visitor_key, toUInt64(0), ts, ts FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'order'
          )
          GROUP BY session_key`;
}

/**
 * Exact counts (uniqExact): these tiles must equal counts made from the raw events.
 * Sessions are grouped for what needs a session (visitors, page views, bounce, duration);
 * chats, leads and orders are counted from their own rows, which the sort key's `type`
 * keeps apart, so the session pass never reads order columns.
 */
export async function getOverviewKpis(client: ClickHouseClient, scope: Scope): Promise<OverviewKpis> {
  const rows = await readRows(
    client,
    {
      query: `SELECT s.visitors AS visitors, s.sessions AS sessions, s.pageviews AS pageviews, s.bounceRate AS bounceRate, s.avgSessionMs AS avgSessionMs,
                   o.chats AS chats, o.leads AS leads, o.orders AS orders, o.revenue AS revenue
            FROM (
              SELECT uniqExact(visitor) AS visitors,
                     count() AS sessions,
                     sum(pv) AS pageviews,
                     if(countIf(pv >= 1) = 0, 0, countIf(pv = 1) / countIf(pv >= 1)) AS bounceRate,
                     if(count() = 0, 0, avg(duration)) AS avgSessionMs
              FROM (${sessionFigures(scope)})
            ) AS s
            CROSS JOIN (
              SELECT countIf(type = 'chat_started') AS chats,
                     countIf(type = 'lead_created') AS leads,
                     countIf(type = 'order') AS orders,
                     ${sumByCurrencySql(`groupArrayIf((currency, toFloat64(revenue)), type = 'order')`)} AS revenue
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type IN ('chat_started', 'lead_created', 'order')
            ) AS o`,
      query_params: scope.params,
    },
    kpiRow,
  );
  const [row = EMPTY] = rows;
  return { ...row, revenue: row.revenue.sort((a, b) => b.value - a.value) };
}
