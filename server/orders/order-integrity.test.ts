import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import { getAgentPerformance } from '../queries/agent-performance.ts';
import { getConversionBreakdown } from '../queries/conversion-breakdown.ts';
import { getConversionFunnel } from '../queries/conversion-funnel.ts';
import type { Money } from '../contract/money.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { getGeoBreakdown } from '../queries/geo-breakdown.ts';
import { listVisitors } from '../queries/list-visitors.ts';
import { getOverviewKpis } from '../queries/overview-kpis.ts';
import { getVisitorEvents } from '../queries/visitor-events.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { testStore } from '../testing/test-store.ts';

// The orders API is the source of truth for an order: a snippet `order` call for the same
// id (anyone can send one, with any value) sent before it must not survive in any report.
const ch = testStore();
const SITE = 'integrity-site';
const SECRET = 'integrity-site-secret-0123456789ab';
const WINDOW = 7 * 86_400_000;
let app: App;
let base: string;

const BUYER = 'visitor-real-buyer';
const FORGER = 'visitor-forger-01';

const post = (body: object) =>
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(body),
  });
const apiOrder = (orderId: string, over: object = {}) => ({
  site: SITE,
  orderId,
  status: 'paid',
  value: 299,
  currency: 'CNY',
  email: 'buyer@example.com',
  ...over,
});
const snippetOrder = (orderId: string) =>
  collect(
    base,
    {
      site: SITE,
      visitorId: FORGER,
      sessionId: `${FORGER}-s`,
      events: [{ type: 'order', url: 'https://shop.example/thanks', orderId, value: 999_999_999, currency: 'USD' }],
    },
    { 'x-forwarded-for': '8.8.8.8' },
  );

/** Every revenue figure and order count the reports give for the site, under no filter (rollup) and a source filter (events). */
async function everyReport() {
  await app.writer.drain();
  const out: { name: string; revenue: Money[]; orders: number }[] = [];
  for (const filters of [{}, { source: '(direct)' }]) {
    const scope = reportScope(SITE, Date.now() - 86_400_000, Date.now() + 60_000, filters);
    const tag = (name: string) => `${name}${'source' in filters ? ' (by source)' : ''}`;
    const kpis = await getOverviewKpis(ch, scope);
    out.push({ name: tag('overview'), revenue: kpis.revenue, orders: kpis.orders });
    const funnel = await getConversionFunnel(ch, scope, WINDOW);
    out.push({
      name: tag('conversion, chatted + not'),
      revenue: [...funnel.chatted.revenue, ...funnel.notChatted.revenue],
      orders: funnel.chatted.orders + funnel.notChatted.orders,
    });
    const bySource = await getConversionBreakdown(ch, scope, 'source', WINDOW);
    out.push({
      name: tag('conversion by source'),
      revenue: bySource.flatMap((r) => r.revenue),
      orders: bySource.reduce((n, r) => n + r.buyers, 0),
    });
    const agents = await getAgentPerformance(ch, scope, WINDOW);
    out.push({
      name: tag('agents'),
      revenue: agents.flatMap((a) => a.revenue),
      orders: agents.reduce((n, a) => n + a.orders, 0),
    });
    const geo = await getGeoBreakdown(ch, scope, { level: 'country' });
    out.push({
      name: tag('geography'),
      revenue: geo.flatMap((g) => g.revenue),
      orders: geo.reduce((n, g) => n + g.orders, 0),
    });
  }
  return out;
}

async function profile(visitorId: string) {
  const events = await getVisitorEvents(ch, SITE, [visitorId]);
  return events
    .filter((e) => e.type === 'order')
    .map((e) => ({ orderId: e.orderId, revenue: e.revenue, currency: e.currency }));
}

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, {
    id: SITE,
    name: 'Integrity',
    domains: ['shop.example'],
    timeZone: 'UTC',
    respectDnt: false,
    apiSecret: SECRET,
  });
  app = await createApp({ ch, trustProxy: true, flushMs: 2, journalDir: tempDir('journal') });
  base = await listen(app.server);
  // The real buyer browsed from GB, told us their email and chatted with agent-1; the forger browsed from the US.
  const buyer = { site: SITE, visitorId: BUYER, sessionId: `${BUYER}-s` };
  expect(
    (
      await collect(
        base,
        { ...buyer, events: [{ type: 'pageview', url: 'https://shop.example/pricing', referrer: '' }] },
        { 'x-forwarded-for': '81.2.69.142' },
      )
    ).status,
  ).toBe(202);
  expect(
    (
      await collect(
        base,
        { ...buyer, events: [{ type: 'identify', url: 'https://shop.example/checkout', email: 'buyer@example.com' }] },
        { 'x-forwarded-for': '81.2.69.142' },
      )
    ).status,
  ).toBe(202);
  expect(
    (
      await collect(
        base,
        {
          site: SITE,
          visitorId: FORGER,
          sessionId: `${FORGER}-s`,
          events: [{ type: 'pageview', url: 'https://shop.example/', referrer: '' }],
        },
        { 'x-forwarded-for': '8.8.8.8' },
      )
    ).status,
  ).toBe(202);
  const chat = blankEvent({
    site_id: SITE,
    ts: Date.now() - 60_000,
    type: 'chat_started',
    visitor_id: BUYER,
    session_id: `${BUYER}-s`,
    event_id: randomUUID(),
    chat_id: 'chat-1',
    agent_id: 'agent-1',
    country: 'GB',
  });
  await app.writer.write({ events: [chat], bots: [], identities: [], orders: [] }).stored;
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('the orders API wins over the snippet', () => {
  it('replaces a forged snippet order sent first: every report counts 299 CNY, on the API’s visitor', async () => {
    expect((await snippetOrder('O-1')).status).toBe(202);
    await app.writer.drain();
    expect((await post(apiOrder('O-1'))).status).toBe(200);

    const reports = await everyReport();
    for (const r of reports) {
      expect({ name: r.name, orders: r.orders }).toEqual({ name: r.name, orders: 1 });
      expect({ name: r.name, revenue: r.revenue }).toEqual({
        name: r.name,
        revenue: [{ currency: 'CNY', value: 299 }],
      });
    }
    expect(await profile(BUYER)).toEqual([{ orderId: 'O-1', revenue: 299, currency: 'CNY' }]);
    expect(await profile(FORGER)).toEqual([]);
    const scope = reportScope(SITE, Date.now() - 86_400_000, Date.now() + 60_000, {});
    const listed = await listVisitors(ch, scope, { search: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 10 });
    expect(listed.rows.filter((v) => v.ordered).map((v) => v.visitorId)).toEqual([BUYER]);
    const [stored] = await (
      await ch.query({
        query: `SELECT visitor_id, toFloat64(value) AS value, currency, status, origin FROM ${TABLES.orders} FINAL WHERE order_id = 'O-1'`,
        format: 'JSONEachRow',
      })
    ).json();
    expect(stored).toEqual({ visitor_id: BUYER, value: 299, currency: 'CNY', status: 'paid', origin: 'api' });
  });

  it('ignores a forged snippet order sent after the API, and follows the API’s later value', async () => {
    expect((await post(apiOrder('O-1', { value: 310 }))).status).toBe(200);
    expect((await snippetOrder('O-1')).status).toBe(202);
    for (const r of await everyReport()) {
      expect({ name: r.name, orders: r.orders, revenue: r.revenue.map((m) => m.value) }).toEqual({
        name: r.name,
        orders: 1,
        revenue: [310],
      });
    }
    expect(await profile(BUYER)).toEqual([{ orderId: 'O-1', revenue: 310, currency: 'CNY' }]);
    const [events] = await (
      await ch.query({
        query: `SELECT count() AS n FROM ${TABLES.events} WHERE order_id = 'O-1'`,
        format: 'JSONEachRow',
      })
    ).json<{ n: string }>();
    // The snippet's and the API's first event stay stored, uncounted: reports read the API's latest.
    expect(Number(events?.n)).toBe(3);
  });
});
