import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { VisitorSort } from '../contract/lists.ts';
import { phoneSearchDigits } from '../contract/phone-key.ts';
import { SITE_AND_TIME, SOURCE_EXPR, type Scope } from './fragments/report-scope.ts';
import { sessionQuartersOf, sessionRollupServes } from './fragments/scope-visitors.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

// What the list can be sorted by: aggregates over a visitor's rows of visitorRows(). The only
// strings spliced into ORDER BY; the router's input enum is built from these keys.
const VISITOR_SORTS = {
  lastSeen: 'max(last_ts)',
  firstSeen: 'min(first_ts)',
  sessions: 'uniqExact(session_key)',
  pageviews: 'sum(pageviews)',
} as const satisfies Record<VisitorSort, string>;

/**
 * SQL: the scope's rows (narrowed by `candidates`, a PREWHERE or '') as visitor_key,
 * session_key, first_ts, last_ts and pageviews, for the page of keys. Over whole quarters and
 * without a tag filter, from the rollup session_quarters (migration 0045: every event but
 * orders, ~1 row per session and quarter) and the range's live order events beside it: at 30M
 * events, 30 days, the page of keys took 270 against 343 ms p50 (bench/RESULTS.md, "The
 * visitors list's page of keys from the session rollup"). Any other scope reads the events.
 */
function visitorRows(scope: Scope, candidates: string): string {
  if (!sessionRollupServes(scope))
    return `SELECT visitor_key, session_key, ts AS first_ts, ts AS last_ts, toUInt64(type = 'pageview') AS pageviews
            FROM ${TABLES.events} ${candidates} WHERE ${scope.where}`;
  return `SELECT visitor_key, session_key, first_ts, last_ts, pageviews FROM ${TABLES.sessionQuarters} ${candidates}
          WHERE ${sessionQuartersOf(scope)}
          UNION ALL
          SELECT visitor_key, session_key, ts, ts, toUInt64(0) FROM ${TABLES.events} ${candidates}
          WHERE ${scope.where} AND type = 'order'`;
}

export interface VisitorListRow {
  visitorId: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  city: string;
  device: string;
  browser: string;
  os: string;
  firstSeen: number;
  lastSeen: number;
  sessions: number;
  pageviews: number;
  /** Entry source of the visitor's latest session in the scope (the sessions' `source` filter semantics). */
  lastSource: string;
  chatted: boolean;
  lead: boolean;
  ordered: boolean;
}

export interface VisitorListQuery {
  /** Case-insensitive substring of the visitor id or the known name, email or phone; '' for all. */
  search: string;
  sort: VisitorSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

// Visitor keys are cityHash64 values: read as their decimal strings, never as numbers.
const keyRow = z.object({ key: col.key, total: col.int });
const t = col.text;
const detailRow = z.object({
  key: col.key,
  visitorId: t,
  name: t,
  email: t,
  phone: t,
  country: t,
  city: t,
  device: t,
  browser: t,
  os: t,
  firstSeen: col.ms,
  lastSeen: col.ms,
  sessions: col.int,
  pageviews: col.int,
  lastSource: t,
  chats: col.int,
  leads: col.int,
  orders: col.int,
});
type DetailRow = z.output<typeof detailRow>;

// A visitor's known identity is its newest identities row. The table is a ReplacingMergeTree
// keyed by visitor with updated_at as its version, so FINAL keeps that row, before a merge as
// after it, and a WHERE on its other columns is tested after FINAL (only a PREWHERE goes before).

/**
 * Visitors active in the scope with their known identity: searchable, sorted, one page
 * plus the total. Two steps, because at 10M events describing every visitor before
 * sorting costs seconds (bench/RESULTS.md): first the page of visitor keys (sort value,
 * total), then the details of just those visitors, in the same scope.
 */
export async function listVisitors(
  client: ClickHouseClient,
  scope: Scope,
  q: VisitorListQuery,
): Promise<{ total: number; rows: VisitorListRow[] }> {
  // A search narrows to its candidates first: visitors whose id has the text in the range,
  // or whose known name, email or phone has it (a phone in any spelling, by its key). An explicit PREWHERE makes the filters
  // and the sort read only the candidates' rows. Identities by FINAL: 17 ms at 138k rows
  // where a GROUP BY with argMax took ~110 (bench/RESULTS.md, "Visitor search: identities by FINAL").
  const candidates =
    q.search === ''
      ? ''
      : `PREWHERE visitor_key IN (
        SELECT visitor_key FROM ${TABLES.events}
        WHERE ${SITE_AND_TIME} AND positionCaseInsensitive(visitor_id, {search:String}) > 0
        UNION DISTINCT
        SELECT cityHash64(visitor_id) FROM ${TABLES.identities} FINAL
        WHERE site_id = {siteId:String}
          AND (positionCaseInsensitiveUTF8(name, {search:String}) > 0
            OR positionCaseInsensitiveUTF8(email, {search:String}) > 0
            OR positionCaseInsensitiveUTF8(phone, {search:String}) > 0
            OR ({phoneDigits:String} != '' AND position(phone_key, {phoneDigits:String}) > 0)))`;
  const keys = await readRows(
    client,
    {
      query: `SELECT toString(visitor_key) AS key, count() OVER () AS total
            FROM (${visitorRows(scope, candidates)})
            GROUP BY visitor_key
            ORDER BY ${VISITOR_SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, visitor_key
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params: {
        ...scope.params,
        search: q.search,
        phoneDigits: phoneSearchDigits(q.search),
        limit: q.limit,
        offset: q.offset,
      },
    },
    keyRow,
  );
  if (keys.length === 0) return { total: 0, rows: [] };

  // Per session first, then per visitor: "last source" is the entry source of the
  // visitor's latest session, which needs each session's first page view.
  const details = await readRows(
    client,
    {
      query: `SELECT toString(s.visitor_key) AS key, any(s.vid) AS visitorId,
                   any(i.known_name) AS name, any(i.known_email) AS email, any(i.known_phone) AS phone,
                   argMax(s.s_country, s.s_end) AS country, argMax(s.s_city, s.s_end) AS city,
                   argMax(s.s_device, s.s_end) AS device, argMax(s.s_browser, s.s_end) AS browser, argMax(s.s_os, s.s_end) AS os,
                   toUnixTimestamp64Milli(min(s.s_start)) AS firstSeen, toUnixTimestamp64Milli(max(s.s_end)) AS lastSeen,
                   count() AS sessions, sum(s.views) AS pageviews,
                   argMaxIf(s.entry_source, s.s_start, s.views > 0) AS lastSource,
                   sum(s.chats) AS chats, sum(s.leads) AS leads, sum(s.orders) AS orders
            FROM (
              -- aliases must not shadow columns: the shared WHERE filters on country and device
              SELECT visitor_key, session_key, any(visitor_id) AS vid, min(ts) AS s_start, max(ts) AS s_end,
                     argMax(country, ts) AS s_country, argMax(city, ts) AS s_city, argMax(device, ts) AS s_device,
                     argMax(browser, ts) AS s_browser, argMax(os, ts) AS s_os,
                     countIf(type = 'pageview') AS views, argMinIf(${SOURCE_EXPR}, ts, type = 'pageview') AS entry_source,
                     countIf(type = 'chat_started') AS chats, countIf(type = 'lead_created') AS leads, countIf(type = 'order') AS orders
              FROM ${TABLES.events}
              -- Explicit: with a filter's sub-query in the WHERE, ClickHouse read every column
              -- of the range before narrowing to the page's visitors (60 ms against 25).
              PREWHERE visitor_key IN {keys:Array(UInt64)}
              WHERE ${scope.whereForKeys}
              GROUP BY visitor_key, session_key
            ) AS s
            LEFT JOIN (
              SELECT visitor_id, name AS known_name, email AS known_email, phone AS known_phone
              FROM ${TABLES.identities} FINAL
              WHERE site_id = {siteId:String} AND cityHash64(visitor_id) IN {keys:Array(UInt64)}
            ) AS i ON i.visitor_id = s.vid
            GROUP BY s.visitor_key
            SETTINGS join_use_nulls = 0`,
      query_params: { ...scope.params, keys: keys.map((k) => BigInt(k.key)) },
    },
    detailRow,
  );
  const byKey = new Map(details.map((r) => [r.key, r]));
  const rows = keys.flatMap(({ key }) => {
    const r = byKey.get(key);
    return r ? [toRow(r)] : [];
  });
  return { total: keys[0]?.total ?? 0, rows };
}

function toRow(r: DetailRow): VisitorListRow {
  return {
    visitorId: r.visitorId,
    name: r.name,
    email: r.email,
    phone: r.phone,
    country: r.country,
    city: r.city,
    device: r.device,
    browser: r.browser,
    os: r.os,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    sessions: r.sessions,
    pageviews: r.pageviews,
    lastSource: r.lastSource,
    chatted: r.chats > 0,
    lead: r.leads > 0,
    ordered: r.orders > 0,
  };
}
