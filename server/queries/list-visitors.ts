import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { SOURCE_EXPR, type Scope } from './fragments/report-scope.ts';

export const VISITOR_SORTS = { lastSeen: 'last_seen', firstSeen: 'first_seen', sessions: 'sessions', pageviews: 'pageviews' } as const;
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

/** Visitors active in the scope, with their known identity; searchable, sorted, one page plus the total. */
export async function listVisitors(client: ClickHouseClient, scope: Scope, q: VisitorListQuery): Promise<{ total: number; rows: VisitorListRow[] }> {
  const result = await client.query({
    query: `SELECT v.visitor_id AS visitorId, i.name AS name, i.email AS email, i.phone AS phone,
                   country, city, device, browser, os,
                   toUnixTimestamp64Milli(first_seen) AS firstSeen, toUnixTimestamp64Milli(last_seen) AS lastSeen,
                   sessions, pageviews, lastSource, chatted, lead, ordered,
                   count() OVER () AS total
            FROM (
              SELECT visitor_id,
                     min(ts) AS first_seen, max(ts) AS last_seen,
                     uniqExact(session_id) AS sessions, countIf(type = 'pageview') AS pageviews,
                     argMax(country, ts) AS country, argMax(city, ts) AS city, argMax(device, ts) AS device,
                     argMax(browser, ts) AS browser, argMax(os, ts) AS os,
                     argMaxIf(${SOURCE_EXPR}, ts, type = 'pageview' AND (referrer_domain != '' OR utm_source != '' OR referrer = '')) AS lastSource,
                     countIf(type = 'chat_started') > 0 AS chatted, countIf(type = 'lead_created') > 0 AS lead, countIf(type = 'order') > 0 AS ordered
              FROM ${TABLES.events}
              WHERE ${scope.where}
              GROUP BY visitor_id
            ) AS v
            LEFT JOIN (
              SELECT visitor_id, argMax(name, updated_at) AS name, argMax(email, updated_at) AS email, argMax(phone, updated_at) AS phone
              FROM ${TABLES.identities}
              WHERE site_id = {siteId:String}
              GROUP BY visitor_id
            ) AS i ON i.visitor_id = v.visitor_id
            WHERE {search:String} = ''
               OR positionCaseInsensitive(v.visitor_id, {search:String}) > 0
               OR positionCaseInsensitive(i.name, {search:String}) > 0
               OR positionCaseInsensitive(i.email, {search:String}) > 0
               OR positionCaseInsensitive(i.phone, {search:String}) > 0
            ORDER BY ${VISITOR_SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, visitorId
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}
            SETTINGS join_use_nulls = 0`,
    query_params: { ...scope.params, search: q.search, limit: q.limit, offset: q.offset },
    format: 'JSONEachRow',
  });
  const raw = await result.json<Record<string, string | number | boolean>>();
  const rows = raw.map((r) => ({
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
  }));
  return { total: Number(raw[0]?.total ?? 0), rows };
}
