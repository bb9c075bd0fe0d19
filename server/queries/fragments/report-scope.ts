import { TABLES } from '../../../clickhouse/tables.ts';
import type { ReportFilters } from '../../contract/report-input.ts';
import { sourceName } from '../../sources/source-name.ts';
import { viewsInclude } from './page-view.ts';
import { QUARTERS_IN_RANGE, wholeQuarters } from './scope-visitors.ts';

// The WHERE fragment every report shares: one site, one time window, the page's filters.
// Values are always bound parameters; only these fixed column names are spliced.
//
// Filters are session-level, as in Plausible and Umami: "source = google" keeps every
// event of the sessions that *entered* from google (with a page view in the range), not
// only their landing page view; "page = /pricing" keeps the sessions that viewed /pricing.
// Callers bind {siteId:String}, {from:Int64}, {to:Int64} (epoch ms) plus `params` below.

/**
 * A page view's source by name ("Baidu" for utm_source=baidu, baidu.com or m.baidu.com): named
 * at ingest (server/ingest/session-entries.ts), stored ones named by migration 0015.
 */
export const SOURCE_EXPR = 'source';

export const SITE_AND_TIME = `site_id = {siteId:String} AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})`;

export interface Scope {
  /** `SITE_AND_TIME AND <filters>` for the events table. */
  where: string;
  /**
   * The same, narrowed to the visitors the caller binds as {keys:Array(UInt64)}, the filters'
   * sub-queries included: a page of a list then reads only its own visitors' rows.
   */
  whereForKeys: string;
  params: Record<string, string | number | string[]>;
  /**
   * The filters on an event's own columns (country, device), joined with AND, or '1': a rollup
   * keeping those columns takes them as they are.
   */
  columnFilters: string;
  /** A filter on whole sessions (entry source, campaign, a page viewed) or on tags is set: only the events can answer. */
  sessionFiltered: boolean;
  /**
   * The filters on a rollup row holding session_key, visitor_key, country and device (the
   * column filters and the session sub-query over the events), joined with AND, or '1'; null
   * with a tag filter, which names visitor ids.
   */
  sessionKeyFilters: string | null;
}

// The order rows the sets below concern: void (refunded or cancelled), or from the orders API.
const VOID = "status IN ('refunded', 'cancelled')";
const FROM_API = "origin = 'api'";

/**
 * SQL: `columns` of the site's orders whose latest row (FINAL) meets `cond`. Only an order that
 * was ever refunded, cancelled or reported by the API can, so FINAL reads those alone (order_id
 * is in the sort key; the three sets share that one sub-query). FINAL over every order built
 * each set in ~15 ms at 30M events (94k orders, none refunded or from the API), on every report
 * query (bench/RESULTS.md, "Order checks that read only the orders they concern").
 */
const latestOrders = (columns: string, cond: string) =>
  `SELECT ${columns} FROM ${TABLES.orders} FINAL
   WHERE site_id = {siteId:String} AND ${cond}
     AND order_id IN (SELECT order_id FROM ${TABLES.orders}
                      WHERE site_id = {siteId:String} AND (${VOID} OR ${FROM_API}))`;

/** Refunded and cancelled orders (their latest status, from the snippet or the orders API) count nowhere. */
const VOID_ORDER_IDS = latestOrders('order_id', VOID);
const API_ORDER_IDS = latestOrders('order_id', FROM_API);
const API_ORDER_EVENTS = latestOrders('order_id, toUnixTimestamp64Milli(created_at)', FROM_API);

/**
 * An order the orders API reported counts once, by the event the API's report wrote, which
 * sits at the order's `created_at` (server/ingest/known-orders.ts): a snippet's event for the
 * same order id (sent first, perhaps forged) and the API's own earlier event (before a new
 * value or visitor) stop counting. `id` and `tsMs` name the order id and epoch-ms time.
 */
export const notReplacedOrder = (id: string, tsMs: string) =>
  `(${id} NOT IN (${API_ORDER_IDS}) OR (${id}, ${tsMs}) IN (${API_ORDER_EVENTS}))`;

/** An order event that counts in reports: not refunded or cancelled, not replaced by an API report. */
export const liveOrder = (id: string, tsMs: string) =>
  `(${id} NOT IN (${VOID_ORDER_IDS}) AND ${notReplacedOrder(id, tsMs)})`;
// As an if(), the check runs on order rows alone; an OR tested every row of the range.
const LIVE_ORDERS = `if(type = 'order', ${liveOrder('order_id', 'toUnixTimestamp64Milli(ts)')}, 1)`;

export function reportScope(siteId: string, from: number, to: number, filters: ReportFilters): Scope {
  const { where, params, columns, sessionIn, sessionFiltered } = scopeWhere(siteId, from, to, filters, '');
  const byKeys = [...columns, ...(sessionIn ? [sessionIn] : [])];
  return {
    where,
    params,
    columnFilters: columns.length > 0 ? columns.join(' AND ') : '1',
    sessionFiltered,
    sessionKeyFilters: filters.tag || filters.notTag ? null : byKeys.length > 0 ? byKeys.join(' AND ') : '1',
    whereForKeys: scopeWhere(siteId, from, to, filters, ' AND visitor_key IN {keys:Array(UInt64)}').where,
  };
}

/** `keys`: '' or a condition on visitor_key (with its leading AND) that every row, the sub-queries' included, meets. */
function scopeWhere(siteId: string, from: number, to: number, filters: ReportFilters, keys: string) {
  const rows = `${SITE_AND_TIME}${keys}`;
  const params: Record<string, string | number | string[]> = { siteId, from, to };
  const columns: string[] = [];
  if (filters.country) {
    columns.push('country = {fCountry:String}');
    params['fCountry'] = filters.country;
  }
  if (filters.device) {
    columns.push('device = {fDevice:String}');
    params['fDevice'] = filters.device;
  }
  const parts = [rows, LIVE_ORDERS, ...columns];
  // Tags are on visitor ids (a person's tag on each of them): one range of the assignments' key.
  const tagged = (param: string) =>
    `visitor_id IN (SELECT subject_id FROM ${TABLES.tagAssignments} FINAL WHERE site_id = {siteId:String} AND subject_kind = 'visitor' AND tag_id IN {${param}:Array(String)} AND is_removed = 0)`;
  if (filters.tag) {
    parts.push(tagged('fTags'));
    params['fTags'] = filters.tag.split(',');
  }
  if (filters.notTag) {
    parts.push(`NOT ${tagged('fNotTags')}`);
    params['fNotTags'] = filters.notTag.split(',');
  }
  // Page views carry their session's entry source and campaign (server/ingest/session-entries.ts),
  // so "entered from X and viewed page Y" is one page view matching both: one sub-query. Over
  // whole quarters it reads session_quarters, whose rows keep those two and their page views'
  // paths (migrations 0046, 0047): ~1 row per session instead of every page view, the same
  // sessions as every page view of a session carries the same entry (at 30M events, 30 days: 48
  // against 75 ms; bench/RESULTS.md, "Session filters from the session rollup").
  const session: { views: string; rollup: string }[] = [];
  if (filters.source) {
    session.push({ views: 'session_source = {fSource:String}', rollup: 'source = {fSource:String}' });
    // By name, so a link made before sources were named (source=baidu.com) still finds Baidu.
    params['fSource'] = sourceName(filters.source);
  }
  if (filters.campaign) {
    session.push({ views: 'session_campaign = {fCampaign:String}', rollup: 'campaign = {fCampaign:String}' });
    params['fCampaign'] = filters.campaign;
  }
  if (filters.page) {
    session.push({
      views: 'path = {fPage:String}',
      rollup: viewsInclude('pages', 'cityHash64({fPage:String})'),
    });
    params['fPage'] = filters.page;
  }
  const sessionIn =
    session.length === 0
      ? null
      : wholeQuarters(from, to)
        ? `session_key IN (SELECT session_key FROM ${TABLES.sessionQuarters} WHERE site_id = {siteId:String} AND ${QUARTERS_IN_RANGE}${keys} AND ${session.map((c) => c.rollup).join(' AND ')})`
        : `session_key IN (SELECT session_key FROM ${TABLES.events} WHERE ${rows} AND type = 'pageview' AND ${session.map((c) => c.views).join(' AND ')})`;
  if (sessionIn) parts.push(sessionIn);
  // A rollup has no visitor ids to test a tag on: tag filters, like session ones, need the events.
  const byTag = Boolean(filters.tag || filters.notTag);
  return { where: parts.join(' AND '), params, columns, sessionIn, sessionFiltered: session.length > 0 || byTag };
}
