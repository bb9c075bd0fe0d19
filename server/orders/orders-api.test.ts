import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { getOverviewKpis } from '../queries/overview-kpis.ts';
import { getPerson } from '../queries/visitor-people.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { testStore } from '../testing/test-store.ts';

// The server-to-server orders API over real HTTP into the embedded store, and what the
// reports make of orders sent twice, updated and refunded.
const ch = testStore();
const SITE = 'orders-site';
const SECRET = 'orders-site-secret-0123456789abcd';
let app: App;
let base: string;

const post = (body: unknown, secret = SECRET, type = 'application/json') =>
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${secret}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const order = (over: object = {}) => ({
  site: SITE,
  orderId: 'A-1001',
  status: 'paid',
  value: 299,
  currency: 'CNY',
  email: 'li@example.com',
  ...over,
});

/** Reads what was acknowledged: ingest's journaled rows are inserted first. */
async function rows(sql: string): Promise<Record<string, unknown>[]> {
  await app.writer.drain();
  const r = await ch.query({ query: sql, query_params: { s: SITE }, format: 'JSONEachRow' });
  return r.json();
}

const kpis = () => getOverviewKpis(ch, reportScope(SITE, Date.now() - 86_400_000, Date.now() + 60_000, {}));

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, {
    id: SITE,
    name: 'Orders',
    domains: ['shop.example'],
    timeZone: 'UTC',
    respectDnt: false,
    apiSecret: SECRET,
  });
  app = await createApp({ ch, trustProxy: true, flushMs: 2, journalDir: tempDir('journal') });
  base = await listen(app.server);
  // A visitor who browsed and told us their email: the API's order finds them by it.
  const visit = { site: SITE, visitorId: 'visitor-buyer-1', sessionId: 'session-buyer-1' };
  expect(
    (
      await collect(
        base,
        {
          ...visit,
          events: [
            { type: 'pageview', url: 'https://shop.example/pricing?utm_source=weibo', referrer: '', title: 'Pricing' },
          ],
        },
        { 'x-forwarded-for': '81.2.69.142' },
      )
    ).status,
  ).toBe(202);
  expect(
    (
      await collect(
        base,
        { ...visit, events: [{ type: 'identify', url: 'https://shop.example/checkout', email: 'LI@example.com' }] },
        { 'x-forwarded-for': '81.2.69.142' },
      )
    ).status,
  ).toBe(202);
  await app.writer.drain();
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('POST /api/orders', () => {
  it.each([
    ['a wrong secret', () => post(order(), 'wrong-secret'), 401, 'wrong API secret'],
    ['an unknown site', () => post(order({ site: 'no-such-site' })), 401, 'wrong API secret'],
    ['a body that is not JSON', () => post('{"site":'), 400, 'not valid JSON'],
    ['a lower-case currency', () => post(order({ currency: 'cny' })), 400, 'currency'],
    ['a negative value', () => post(order({ value: -5 })), 400, 'value'],
    ['an unknown status', () => post(order({ status: 'shipped' })), 400, 'status'],
    ['an extra field', () => post(order({ admin: true })), 400, 'invalid order'],
    ['a form body', () => post('a=1', SECRET, 'application/x-www-form-urlencoded'), 415, 'application/json'],
    ['a huge body', () => post(order({ orderId: 'x'.repeat(20_000) })), 413, 'larger than'],
  ])('refuses %s with a reason and stores nothing', async (_name, send, status, reason) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toContain(reason);
    expect(await rows(`SELECT count() AS n FROM ${TABLES.orders} WHERE site_id = {s:String}`)).toEqual([{ n: 0 }]);
  });

  it('links an order to the visitor by email, counts it once when sent twice, and drops it from reports when refunded', async () => {
    const before = await kpis();
    const first = await post(order());
    expect(first.status).toBe(200);
    // Acknowledged once journaled: the link by email is made as the order is stored.
    expect(await first.json()).toEqual({ orderId: 'A-1001', status: 'paid', created: true, visitorId: '' });
    const again = await post(order());
    expect(await again.json()).toMatchObject({ created: false, status: 'paid' });
    expect(await rows(`SELECT visitor_id FROM ${TABLES.orders} FINAL WHERE site_id = {s:String}`)).toEqual([
      { visitor_id: 'visitor-buyer-1' },
    ]);

    // One order event, in the buyer's session, attributed like their page views.
    expect(
      await rows(
        `SELECT visitor_id, session_id, country, revenue FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'order'`,
      ),
    ).toEqual([{ visitor_id: 'visitor-buyer-1', session_id: 'session-buyer-1', country: 'GB', revenue: 299 }]);
    const withOrder = await kpis();
    const cny = (k: Awaited<ReturnType<typeof kpis>>) => k.revenue.find((m) => m.currency === 'CNY')?.value ?? 0;
    expect([withOrder.orders - before.orders, cny(withOrder) - cny(before)]).toEqual([1, 299]);

    expect(await (await post(order({ status: 'refunded' }))).json()).toMatchObject({
      created: false,
      status: 'refunded',
    });
    expect(await rows(`SELECT status FROM ${TABLES.orders} FINAL WHERE site_id = {s:String}`)).toEqual([
      { status: 'refunded' },
    ]);
    const refunded = await kpis();
    expect([refunded.orders, refunded.revenue]).toEqual([before.orders, before.revenue]);
  });

  it('counts a snippet order once when the thank-you page sends it again, and never undoes the API’s refund', async () => {
    const snippetOrder = {
      site: SITE,
      visitorId: 'visitor-buyer-1',
      sessionId: 'session-buyer-1',
      events: [{ type: 'order', url: 'https://shop.example/thanks', orderId: 'S-2002', value: 50, currency: 'USD' }],
    };
    for (let i = 0; i < 2; i++) expect((await collect(base, snippetOrder)).status).toBe(202);
    expect(
      await rows(`SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND order_id = 'S-2002'`),
    ).toEqual([{ n: 1 }]);
    await post({ site: SITE, orderId: 'S-2002', status: 'refunded', value: 50, currency: 'USD' });
    expect((await collect(base, snippetOrder)).status).toBe(202);
    expect(
      await rows(
        `SELECT status, origin FROM ${TABLES.orders} FINAL WHERE site_id = {s:String} AND order_id = 'S-2002'`,
      ),
    ).toEqual([{ status: 'refunded', origin: 'api' }]);
  });

  it('identifies the visitor an order names with an email, who becomes one person with another browser giving it', async () => {
    const res = await post(
      order({ orderId: 'B-2001', visitorId: 'visitor-buyer-9', email: 'Wu@Example.com', phone: '+86 137 0000 2222' }),
    );
    expect(res.status).toBe(200);
    await app.writer.drain();
    expect(await getPerson(ch, SITE, 'visitor-buyer-9')).toEqual({
      visitorIds: ['visitor-buyer-9'],
      name: '',
      email: 'wu@example.com',
      phone: '+86 137 0000 2222',
    });
    const visit = { site: SITE, visitorId: 'visitor-buyer-8', sessionId: 'session-buyer-8' };
    expect(
      (
        await collect(
          base,
          {
            ...visit,
            events: [
              { type: 'identify', url: 'https://shop.example/account', name: 'Wu Lan', email: 'wu@example.com' },
            ],
          },
          { 'x-forwarded-for': '81.2.69.142' },
        )
      ).status,
    ).toBe(202);
    await app.writer.drain();
    expect(await getPerson(ch, SITE, 'visitor-buyer-8')).toEqual({
      visitorIds: ['visitor-buyer-8', 'visitor-buyer-9'],
      name: 'Wu Lan',
      email: 'wu@example.com',
      phone: '+86 137 0000 2222',
    });
  });
});
