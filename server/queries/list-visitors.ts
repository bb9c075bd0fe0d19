import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { SOURCE_EXPR, type Scope } from './fragments/report-scope.ts';

// What the list can be sorted by, as aggregates over a visitor's events in the scope.
export const VISITOR_SORTS = { lastSeen: 'max(ts)', firstSeen: 'min(ts)', sessions: 'uniqExact(session_key)', pageviews: "countIf(type = 'pageview')" } as const;
export type VisitorSort = keyof typeof VISITOR_SORTS;

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
  lastSource: string;
  chatted: boolean;
  lead: boolean;
  ordered: boolean;
}

export interface VisitorListQuery {
  search: string;
  sort: VisitorSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * Visitors active in the scope with their known identity; searchable, sorted, one page
 * plus the total. Two steps, because at 10M events describing every visitor before
 * sorting costs seconds: first the page of visitor keys (sort value, total), then the
 * details of just those visitors.
 */
export async function listVisitors(client: ClickHouseClient, scope: Scope, q: VisitorListQuery): Promise<{ total: number; rows: VisitorListRow[] }> {
  const search = `({search:String} = ''
      OR positionCaseInsensitive(visitor_id, {search:String}) > 0
      OR visitor_id IN (
        SELECT visitor_id FROM ${TABLES.identities}
        WHERE site_id = {siteId:String}
          AND (positionCaseInsensitive(name, {search:String}) > 0 OR positionCaseInsensitive(email, {search:String}) > 0 OR positionCaseInsensitive(phone, {search:String}) > 0)))`;
  const page = await client.query({
    query: `SELECT toString(visitor_key) AS key, count() OVER () AS total
            FROM ${TABLES.events}
            WHERE ${scope.where} AND ${search}
            GROUP BY visitor_key
            ORDER BY ${VISITOR_SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, visitor_key
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    query_params: { ...scope.params, search: q.search, limit: q.limit, offset: q.offset },
    format: 'JSONEachRow',
  });
  const keys = await page.json<{ key: string; total: string }>();
  if (keys.length === 0) return { total: 0, rows: [] };
  const details = await client.query({
    query: `SELECT v.vid AS visitorId, i.name AS name, i.email AS email, i.phone AS phone,
                   last_country AS country, last_city AS city, last_device AS device, last_browser AS browser, last_os AS os,
                   toUnixTimestamp64Milli(first_seen) AS firstSeen, toUnixTimestamp64Milli(last_seen) AS lastSeen,
                   sessions, pageviews, lastSource, chatted, lead, ordered, toString(visitor_key) AS key
            FROM (
              SELECT visitor_key, any(visitor_id) AS vid,
                     min(ts) AS first_seen, max(ts) AS last_seen,
                     uniqExact(session_key) AS sessions, countIf(type = 'pageview') AS pageviews,
                     -- aliases must not shadow columns: the shared WHERE filters on country and device
                     argMax(country, ts) AS last_country, argMax(city, ts) AS last_city, argMax(device, ts) AS last_device,
                     argMax(browser, ts) AS last_browser, argMax(os, ts) AS last_os,
                     argMaxIf(${SOURCE_EXPR}, ts, type = 'pageview' AND (referrer_domain != '' OR utm_source != '' OR referrer = '')) AS lastSource,
                     countIf(type = 'chat_started') > 0 AS chatted, countIf(type = 'lead_created') > 0 AS lead, countIf(type = 'order') > 0 AS ordered
              FROM ${TABLES.events}
              WHERE ${scope.where} AND visitor_key IN {keys:Array(UInt64)}
              GROUP BY visitor_key
            ) AS v
            LEFT JOIN (
              SELECT visitor_id, argMax(name, updated_at) AS name, argMax(email, updated_at) AS email, argMax(phone, updated_at) AS phone
              FROM ${TABLES.identities}
              WHERE site_id = {siteId:String}
              GROUP BY visitor_id
            ) AS i ON i.visitor_id = v.vid
            SETTINGS join_use_nulls = 0`,
    query_params: { ...scope.params, keys: keys.map((k) => BigInt(k.key)) },
    format: 'JSONEachRow',
  });
  const byKey = new Map((await details.json<Record<string, string | number | boolean>>()).map((r) => [String(r.key), r]));
  const rows = keys.flatMap(({ key }) => {
    const r = byKey.get(key);
    return r ? [toRow(r)] : [];
  });
  return { total: Number(keys[0]?.total ?? 0), rows };
}

function toRow(r: Record<string, string | number | boolean>): VisitorListRow {
  return {
    visitorId: String(r.visitorId),
    name: String(r.name ?? ''),
    email: String(r.email ?? ''),
    phone: String(r.phone ?? ''),
    country: String(r.country),
    city: String(r.city),
    device: String(r.device),
    browser: String(r.browser),
    os: String(r.os),
    firstSeen: Number(r.firstSeen),
    lastSeen: Number(r.lastSeen),
    sessions: Number(r.sessions),
    pageviews: Number(r.pageviews),
    lastSource: String(r.lastSource),
    chatted: Boolean(Number(r.chatted)),
    lead: Boolean(Number(r.lead)),
    ordered: Boolean(Number(r.ordered)),
  };
}
