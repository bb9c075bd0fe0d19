import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { testStore } from '../testing/test-store.ts';

// Real HTTP against the real ingest path and the embedded ClickHouse.
const ch = testStore();
let app: App;
let base: string;

const good = {
  site: 'site-test-1',
  visitorId: 'visitor-aaaa',
  sessionId: 'session-aaaa',
  screen: '1440x900',
  language: 'zh-CN',
  events: [
    {
      type: 'pageview',
      url: 'https://shop.example/pricing?utm_source=weibo&utm_campaign=Launch',
      referrer: 'https://weibo.com/x',
      title: '价格 Pricing',
    },
  ],
};

/** What was acknowledged is journaled; reads wait until it is inserted. */
async function count(table: string): Promise<number> {
  await app.writer.drain();
  const r = await ch.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' });
  return Number((await r.json<{ n: string }>())[0]?.n);
}

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, {
    id: 'site-test-1',
    name: 'Test',
    domains: ['shop.example'],
    timeZone: 'UTC',
    respectDnt: false,
  });
  await saveSite(ch, { id: 'site-dnt-01', name: 'DNT', domains: ['shop.example'], timeZone: 'UTC', respectDnt: true });
  app = await createApp({ ch, trustProxy: false, flushMs: 5, journalDir: tempDir('journal') });
  base = await listen(app.server);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('POST /api/collect', () => {
  it('acknowledges an accepted page view with 202 and stores it enriched', async () => {
    const res = await collect(base, good, { 'x-forwarded-for': '202.96.134.133' });
    expect(res.status).toBe(202);
    await app.writer.drain();
    const r = await ch.query({
      query: `SELECT type, visitor_id, session_id, host, path, title, referrer_domain, utm_source, utm_campaign, browser, device, screen, language, country
              FROM ${TABLES.events} WHERE session_id = {s:String}`,
      query_params: { s: 'session-aaaa' },
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([
      {
        type: 'pageview',
        visitor_id: 'visitor-aaaa',
        session_id: 'session-aaaa',
        host: 'shop.example',
        path: '/pricing',
        title: '价格 Pricing',
        referrer_domain: 'weibo.com',
        utm_source: 'weibo',
        utm_campaign: 'Launch',
        browser: 'Chrome',
        device: 'desktop',
        screen: '1440x900',
        language: 'zh-CN',
        // loopback socket; the forwarded header is ignored without TRUST_PROXY
        country: '',
      },
    ]);
  });

  it.each([
    ['not JSON', '{"site":', 400, 'not valid JSON'],
    ['wrong shape', { hello: 'world' }, 400, 'invalid payload'],
    ['unknown site', { ...good, site: 'no-such-site' }, 400, 'unknown site'],
    ['foreign domain', { ...good, events: [{ type: 'pageview', url: 'https://evil.example/' }] }, 403, 'not allowed'],
    ['oversized body', 'x'.repeat(70 * 1024), 413, 'larger than'],
    ['script in url', { ...good, events: [{ type: 'pageview', url: 'javascript:alert(1)' }] }, 400, 'url'],
  ])('answers %s with a 4xx reason and stores nothing', async (_name, body, status, reason) => {
    const before = await count(TABLES.events);
    const res = await collect(base, body);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(reason);
    expect(await count(TABLES.events)).toBe(before);
  });

  it('refuses other methods and content types', async () => {
    expect((await fetch(`${base}/api/collect`)).status).toBe(405);
    const res = await fetch(`${base}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(415);
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(`${base}/api/collect`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('honours Do-Not-Track only for sites that enable it', async () => {
    const before = await count(TABLES.events);
    expect((await collect(base, { ...good, site: 'site-dnt-01' }, { dnt: '1' })).status).toBe(204);
    expect(await count(TABLES.events)).toBe(before);
    expect((await collect(base, { ...good, sessionId: 'session-dnt-0' }, { dnt: '1' })).status).toBe(202);
    expect(await count(TABLES.events)).toBe(before + 1);
  });

  it('stores bots apart from events', async () => {
    const events = await count(TABLES.events);
    const bots = await count(TABLES.botEvents);
    const res = await collect(base, good, {
      'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    });
    expect(res.status).toBe(202);
    expect(await count(TABLES.events)).toBe(events);
    expect(await count(TABLES.botEvents)).toBe(bots + 1);
  });

  it('stores every event of concurrent single-event requests exactly once', async () => {
    const before = await count(TABLES.events);
    const n = 300;
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        collect(base, { ...good, sessionId: `conc-${String(i).padStart(6, '0')}` }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(await count(TABLES.events)).toBe(before + n);
  });
  it('keeps what earlier identify calls said when a later one carries other fields', async () => {
    const identify = (fields: object) => ({
      ...good,
      visitorId: 'visitor-known',
      events: [{ type: 'identify', url: 'https://shop.example/checkout', ...fields }],
    });
    expect((await collect(base, identify({ name: 'Li Lei', email: 'LI@example.com' }))).status).toBe(202);
    expect((await collect(base, identify({ phone: '+86 138 0000 0000' }))).status).toBe(202);
    await app.writer.drain();
    // Force the merge a background merge would do later: only the newest row may survive.
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.identities} FINAL` });
    const r = await ch.query({
      query: `SELECT name, email, phone FROM ${TABLES.identities} WHERE visitor_id = 'visitor-known'`,
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([{ name: 'Li Lei', email: 'li@example.com', phone: '+86 138 0000 0000' }]);
    // The first identify with an email made the visitor a lead; the second did not make another.
    await expect
      .poll(async () => {
        const leads = await ch.query({
          query: `SELECT source, name, email FROM ${TABLES.leads} FINAL WHERE visitor_id = 'visitor-known'`,
          format: 'JSONEachRow',
        });
        return leads.json();
      })
      .toEqual([{ source: 'identify', name: 'Li Lei', email: 'li@example.com' }]);
  });
  it('joins a second device to the person when it identifies with the same email', async () => {
    const identify = (visitorId: string, fields: object) => ({
      ...good,
      visitorId,
      sessionId: `${visitorId}-s`,
      events: [{ type: 'identify', url: 'https://shop.example/account', ...fields }],
    });
    expect((await collect(base, identify('laptop-visitor', { email: 'wu@example.com' }))).status).toBe(202);
    expect(
      (await collect(base, identify('phone-visitor', { email: 'WU@example.com', phone: '+86 137 0000 0000' }))).status,
    ).toBe(202);
    await app.writer.drain();
    const r = await ch.query({
      query: `SELECT visitor_id, person_id FROM ${TABLES.identities} FINAL WHERE visitor_id IN ('laptop-visitor', 'phone-visitor') ORDER BY visitor_id`,
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([
      { visitor_id: 'laptop-visitor', person_id: 'laptop-visitor' },
      { visitor_id: 'phone-visitor', person_id: 'laptop-visitor' },
    ]);
  });
});
