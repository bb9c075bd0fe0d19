import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { generateHistory } from '../demo/generate.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { refundLatestOrder } from '../testing/refund-latest-order.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { getOverviewKpis } from './overview-kpis.ts';
import { getVisitsSeries } from './visits-series.ts';
import { listVisitors } from './list-visitors.ts';
import { reportScope } from './fragments/report-scope.ts';
import { testStore } from '../testing/test-store.ts';

// The overview's KPIs and visits series and the visitors list's page of keys read the
// session_quarters rollup (migration 0045) for whole quarters without a tag filter. On the demo generator's history plus a refunded order,
// they must equal what the events give, and what is counted here from the raw rows in TypeScript.
const ch = testStore();
const SITE = 'session-rollup-site';
const NOW = Date.UTC(2026, 10, 20, 12, 7);
let refundedOrder = '';

beforeAll(async () => {
  await migrate(ch);
  await generateHistory({ siteId: SITE, events: 20_000, days: 40, now: NOW, seed: 11, insert: clickHouseInsert(ch) });
  refundedOrder = await refundLatestOrder(ch, SITE, NOW);
  // Orders the rollup leaves out, which must still start, end and make sessions: three sessions
  // get an order 40 minutes after their last event, and one session is an order alone.
  await ch.command({
    query: `INSERT INTO ${TABLES.events} (event_id, site_id, visitor_id, session_id, ts, type, order_id, revenue, currency, country, device)
            SELECT generateUUIDv4(), site_id, visitor_id, session_id, max(ts) + INTERVAL 40 MINUTE, 'order',
                   concat('late-', session_id), 10, 'CNY', any(country), any(device)
            FROM ${TABLES.events}
            WHERE site_id = {s:String} AND ts < fromUnixTimestamp64Milli({before:Int64}) AND country = 'CN' AND device = 'mobile'
            GROUP BY site_id, visitor_id, session_id ORDER BY session_id LIMIT 3`,
    query_params: { s: SITE, before: NOW - 2 * 86_400_000 },
  });
  await ch.command({
    query: `INSERT INTO ${TABLES.events} (event_id, site_id, visitor_id, session_id, ts, type, order_id, revenue, currency, country, device)
            VALUES (generateUUIDv4(), {s:String}, 'order-only-visitor', 'order-only-session',
                    fromUnixTimestamp64Milli({at:Int64}), 'order', 'order-only', 5, 'CNY', 'CN', 'mobile')`,
    query_params: { s: SITE, at: NOW - 3 * 86_400_000 },
  });
}, 60_000);
afterAll(() => ch.close());

interface RawEvent {
  session_id: string;
  visitor_id: string;
  type: string;
  order_id: string;
  country: string;
  device: string;
  ms: number;
}

/** The session tiles counted in TypeScript from every event of the range under column filters. */
async function countedByHand(from: number, to: number, filters: ReportFilters) {
  const r = await ch.query({
    query: `SELECT session_id, visitor_id, type, order_id, country, device, toUnixTimestamp64Milli(ts) AS ms
            FROM ${TABLES.events} WHERE site_id = {s:String}`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  const sessions = new Map<string, { visitor: string; pv: number; first: number; last: number }>();
  for (const e of await r.json<RawEvent>()) {
    const ms = Number(e.ms);
    if (ms < from || ms >= to) continue;
    if (e.type === 'order' && e.order_id === refundedOrder) continue;
    if ((filters.country && e.country !== filters.country) || (filters.device && e.device !== filters.device)) continue;
    const s = sessions.get(e.session_id) ?? { visitor: e.visitor_id, pv: 0, first: ms, last: ms };
    s.pv += e.type === 'pageview' ? 1 : 0;
    s.first = Math.min(s.first, ms);
    s.last = Math.max(s.last, ms);
    sessions.set(e.session_id, s);
  }
  const all = [...sessions.values()];
  const viewed = all.filter((s) => s.pv >= 1);
  return {
    visitors: new Set(all.map((s) => s.visitor)).size,
    sessions: all.length,
    pageviews: all.reduce((n, s) => n + s.pv, 0),
    bounceRate: viewed.length === 0 ? 0 : viewed.filter((s) => s.pv === 1).length / viewed.length,
    avgSessionMs: all.length === 0 ? 0 : all.reduce((n, s) => n + (s.last - s.first), 0) / all.length,
  };
}

/** Filters the rollup serves: columns it keeps (country, device) and sessions by key (source, page). */
const FILTER_CASES: [string, ReportFilters][] = [
  ['no filter', {}],
  ['country and device', { country: 'CN', device: 'mobile' }],
  ['entry source and page', { source: 'baidu', page: '/pricing' }],
];

describe('overview KPIs from the session rollup', () => {
  const range = resolveRange({ preset: '30d' }, 'Asia/Shanghai', NOW);
  it.each(FILTER_CASES)('equals the events with %s', async (_, filters) => {
    const scope = reportScope(SITE, range.from, range.to, filters);
    expect(scope.sessionKeyFilters).not.toBeNull();
    const fromRollup = await getOverviewKpis(ch, scope);
    const fromEvents = await getOverviewKpis(ch, { ...scope, sessionKeyFilters: null });
    expect(fromEvents.sessions).toBeGreaterThan(0);
    expect({ ...fromRollup, avgSessionMs: Math.round(fromRollup.avgSessionMs) }).toEqual({
      ...fromEvents,
      avgSessionMs: Math.round(fromEvents.avgSessionMs),
    });
  });

  it('counts what the raw events say, refunded order left out', async () => {
    const filterSets: ReportFilters[] = [{}, { country: 'CN', device: 'mobile' }];
    for (const filters of filterSets) {
      const kpis = await getOverviewKpis(ch, reportScope(SITE, range.from, range.to, filters));
      const expected = await countedByHand(range.from, range.to, filters);
      expect(kpis.sessions).toBeGreaterThan(100);
      expect({
        visitors: kpis.visitors,
        sessions: kpis.sessions,
        pageviews: kpis.pageviews,
        bounceRate: kpis.bounceRate.toFixed(9),
        avgSessionMs: kpis.avgSessionMs.toFixed(3),
      }).toEqual({
        ...expected,
        bounceRate: expected.bounceRate.toFixed(9),
        avgSessionMs: expected.avgSessionMs.toFixed(3),
      });
    }
  });
});

describe('visits series from the session rollup', () => {
  const range = resolveRange({ preset: '30d' }, 'Asia/Shanghai', NOW);
  const SHANGHAI_MS = 8 * 3_600_000;
  const DAY_MS = 86_400_000;

  it.each(FILTER_CASES)('equals the events by hour, day and week with %s', async (_, filters) => {
    const scope = reportScope(SITE, range.from, range.to, filters);
    for (const [interval, shift] of [
      ['hour', 0],
      ['day', 0],
      ['day', 7],
      ['week', 0],
    ] as const) {
      const fromRollup = await getVisitsSeries(ch, scope, interval, 'Asia/Shanghai', shift);
      const fromEvents = await getVisitsSeries(
        ch,
        { ...scope, sessionKeyFilters: null },
        interval,
        'Asia/Shanghai',
        shift,
      );
      expect(fromEvents.length).toBeGreaterThan(0);
      expect(fromRollup).toEqual(fromEvents);
    }
  });

  it('counts each Shanghai day as the raw events say, refunded order left out', async () => {
    const series = await getVisitsSeries(ch, reportScope(SITE, range.from, range.to, {}), 'day', 'Asia/Shanghai');
    const r = await ch.query({
      query: `SELECT session_id, visitor_id, type, order_id, toUnixTimestamp64Milli(ts) AS ms FROM ${TABLES.events} WHERE site_id = {s:String}`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    const days = new Map<number, { visitors: Set<string>; sessions: Set<string>; counts: Record<string, number> }>();
    for (const e of await r.json<RawEvent>()) {
      const ms = Number(e.ms);
      if (ms < range.from || ms >= range.to || (e.type === 'order' && e.order_id === refundedOrder)) continue;
      const at = Math.floor((ms + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
      const day = days.get(at) ?? { visitors: new Set(), sessions: new Set(), counts: {} };
      day.visitors.add(e.visitor_id);
      day.sessions.add(e.session_id);
      day.counts[e.type] = (day.counts[e.type] ?? 0) + 1;
      days.set(at, day);
    }
    const expected = [...days.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, d]) => ({
        at,
        visitors: d.visitors.size,
        sessions: d.sessions.size,
        pageviews: d.counts['pageview'] ?? 0,
        chats: d.counts['chat_started'] ?? 0,
        leads: d.counts['lead_created'] ?? 0,
        orders: d.counts['order'] ?? 0,
      }));
    expect(expected.reduce((n, d) => n + d.orders, 0)).toBeGreaterThan(3);
    expect(series).toEqual(expected);
  });
});

describe("the visitors list's page of keys from the session rollup", () => {
  const range = resolveRange({ preset: '30d' }, 'Asia/Shanghai', NOW);
  const sorts = ['lastSeen', 'firstSeen', 'sessions', 'pageviews'] as const;

  it.each(FILTER_CASES)('pages and totals as the events do, every sort, with %s', async (_, filters) => {
    const scope = reportScope(SITE, range.from, range.to, filters);
    for (const sort of sorts) {
      for (const order of ['asc', 'desc'] as const) {
        const q = { search: '', sort, order, offset: 10, limit: 30 };
        const fromRollup = await listVisitors(ch, scope, q);
        const fromEvents = await listVisitors(ch, { ...scope, sessionKeyFilters: null }, q);
        expect(fromEvents.rows).toHaveLength(30);
        expect(fromRollup).toEqual(fromEvents);
      }
    }
  });

  it('lists a visitor whose only event is an order, and finds them by search', async () => {
    const scope = reportScope(SITE, range.from, range.to, { country: 'CN', device: 'mobile' });
    const q = { search: 'order-only', sort: 'lastSeen', order: 'desc', offset: 0, limit: 10 } as const;
    const found = await listVisitors(ch, scope, q);
    expect(found.rows.map((r) => [r.visitorId, r.sessions, r.pageviews, r.ordered])).toEqual([
      ['order-only-visitor', 1, 0, true],
    ]);
    expect(found).toEqual(await listVisitors(ch, { ...scope, sessionKeyFilters: null }, q));
  });
});
