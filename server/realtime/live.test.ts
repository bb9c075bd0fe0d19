import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../clickhouse/tables.ts';
import { lookupGeo } from '../ingest/geo.ts';
import { collect } from '../testing/http.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  storedRow,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';

// Live visitors end to end: real ingest and sockets in, an agent socket out. Timeouts are
// shortened so a visitor leaves within a second; each test watches its own site.
const SITES = {
  arrive: 'live-arrive',
  store: 'live-from-store',
  leave: 'live-leave',
  lapse: 'live-lapse',
  again: 'live-again',
  cap: 'live-capped',
};
const GRACE_MS = 300;
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), {
    heartbeatTimeoutMs: 600,
    graceMs: GRACE_MS,
    eventTtlMs: 1_500,
    tickMs: 50,
    pingMs: 200,
    agentCap: 3,
  });
});
afterAll(async () => {
  await h.close();
});

describe('live visitors', () => {
  it('pushes a visitor within a second of their stored page view, with geo, device, source and trail; later pages grow the trail', async () => {
    const site = SITES.arrive;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    const started = Date.now();
    const first = await pageview(h.base, site, 'visitor-arrive-1', '/pricing', 'Pricing', {
      query: '?utm_source=weibo&utm_medium=social&utm_campaign=launch',
      referrer: 'https://weibo.com/',
    });
    expect(first.status).toBe(202);
    await expect.poll(() => agent.visitors().get('visitor-arrive-1'), { timeout: 1000, interval: 20 }).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(1000);
    const geo = lookupGeo('81.2.69.142');
    expect(geo.country).not.toBe('');
    expect(agent.visitors().get('visitor-arrive-1')).toMatchObject({
      ...geo,
      device: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
      referrerDomain: 'weibo.com',
      utmSource: 'weibo',
      utmMedium: 'social',
      utmCampaign: 'launch',
      connected: false,
      pageviews: 1,
      trail: [{ path: '/pricing', title: 'Pricing', engagedMs: 0 }],
    });
    await expect.poll(() => agent.visitors().get('visitor-arrive-1')?.visitNumber).toBe(1);

    // Leaving /pricing after 12 s of attention, on to /contact: the source stays the landing page's.
    await collect(
      h.base,
      {
        site,
        visitorId: 'visitor-arrive-1',
        sessionId: 'visitor-arrive-1-s1',
        events: [
          { type: 'engagement', url: 'https://shop.example/pricing', engagedMs: 12_000, ts: 1 },
          {
            type: 'pageview',
            url: 'https://shop.example/contact',
            referrer: 'https://shop.example/pricing',
            title: 'Contact',
            ts: 2,
          },
        ],
      },
      { 'x-forwarded-for': '81.2.69.142' },
    );
    await expect
      .poll(() =>
        agent
          .visitors()
          .get('visitor-arrive-1')
          ?.trail.map((s) => [s.path, s.engagedMs]),
      )
      .toEqual([
        ['/pricing', 12_000],
        ['/contact', 0],
      ]);
    expect(agent.visitors().get('visitor-arrive-1')).toMatchObject({
      utmSource: 'weibo',
      source: 'Weibo',
      pageviews: 2,
    });

    await collect(h.base, {
      site,
      visitorId: 'visitor-arrive-1',
      sessionId: 'visitor-arrive-1-s1',
      events: [{ type: 'identify', url: 'https://shop.example/contact', name: 'Han Meimei' }],
    });
    await expect.poll(() => agent.visitors().get('visitor-arrive-1')?.name).toBe('Han Meimei');
    expect(agent.total()).toBe(1);
    agent.ws.close();
  });

  it('counts earlier visits and finds the known name in the store when a returning visitor arrives', async () => {
    const site = SITES.store;
    const dayAgo = Date.now() - 86_400_000;
    await h.ch.insert({
      table: TABLES.events,
      values: [
        storedRow(site, 'visitor-back-1', 'visit-one', dayAgo, 'pageview'),
        storedRow(site, 'visitor-back-1', 'visit-two', dayAgo + 3_600_000, 'pageview'),
      ],
      format: 'JSONEachRow',
    });
    await h.ch.insert({
      table: TABLES.identities,
      values: [
        {
          site_id: site,
          visitor_id: 'visitor-back-1',
          person_id: 'visitor-back-1',
          name: 'Li Lei',
          email: '',
          phone: '',
          updated_at: dayAgo,
        },
      ],
      format: 'JSONEachRow',
    });
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await pageview(h.base, site, 'visitor-back-1', '/', 'Home', { sessionId: 'visit-three' });
    await expect.poll(() => agent.visitors().get('visitor-back-1')).toMatchObject({ visitNumber: 3, name: 'Li Lei' });
    agent.ws.close();
  });

  it('rebuilds the whole visit from the store for a visitor first seen by their socket (a server restart)', async () => {
    const site = SITES.store;
    const t = Date.now() - 120_000;
    const rows = [
      storedRow(site, 'visitor-restart', 'visit-now', t, 'pageview', {
        path: '/tea',
        title: 'Tea',
        referrer_domain: 'baidu.com',
      }),
      storedRow(site, 'visitor-restart', 'visit-now', t + 50_000, 'engagement', { path: '/tea', engaged_ms: 45_000 }),
      storedRow(site, 'visitor-restart', 'visit-now', t + 50_000, 'pageview', { path: '/kettle', title: 'Kettle' }),
    ];
    await h.ch.insert({ table: TABLES.events, values: rows, format: 'JSONEachRow' });
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    const v = await visitorSocket(h.base, { origin: 'https://shop.example' });
    v.send({ ...hello(site, 'visitor-restart'), sessionId: 'visit-now' });
    await expect
      .poll(() => agent.visitors().get('visitor-restart'))
      .toMatchObject({
        connected: true,
        visitNumber: 1,
        startedAt: t,
        referrerDomain: 'baidu.com',
        country: 'JP',
        device: 'mobile',
        trail: [
          { at: t, path: '/tea', title: 'Tea', engagedMs: 45_000 },
          { at: t + 50_000, path: '/kettle', title: 'Kettle', engagedMs: 0 },
        ],
      });
    v.ws.close();
    agent.ws.close();
  });

  it('keeps a visitor across a page load, and removes them a grace period after their last page closes', async () => {
    const site = SITES.leave;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await pageview(h.base, site, 'visitor-leave-1', '/', 'Home');
    const page1 = await visitorSocket(h.base, { origin: 'https://shop.example' });
    page1.send(hello(site, 'visitor-leave-1'));
    await expect.poll(() => agent.visitors().get('visitor-leave-1')?.connected).toBe(true);

    // A full page load: the old page's socket closes, the next one's opens a moment later.
    page1.ws.close();
    await pageview(h.base, site, 'visitor-leave-1', '/products', 'Products');
    await new Promise((r) => setTimeout(r, GRACE_MS / 3));
    const page2 = await visitorSocket(h.base, { origin: 'https://shop.example' });
    page2.send(hello(site, 'visitor-leave-1'));
    await new Promise((r) => setTimeout(r, GRACE_MS * 3));
    expect(agent.events.some((e) => e.type === 'live.remove')).toBe(false);
    expect(agent.visitors().get('visitor-leave-1')).toMatchObject({ connected: true, pageviews: 2 });

    const closedAt = Date.now();
    page2.ws.close();
    await expect.poll(() => agent.visitors().has('visitor-leave-1'), { timeout: 3000, interval: 20 }).toBe(false);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(agent.events.at(-1)).toEqual({ type: 'live.remove', visitorIds: ['visitor-leave-1'], total: 0 });
    agent.ws.close();
  });

  it('drops a visitor whose socket stops answering, and closes that socket', async () => {
    const site = SITES.lapse;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await pageview(h.base, site, 'visitor-lapse-1', '/', 'Home');
    // A frozen tab: the connection stays open but nothing answers the server's pings.
    const frozen = await visitorSocket(h.base, { autoPong: false });
    frozen.send(hello(site, 'visitor-lapse-1'));
    await expect.poll(() => agent.visitors().get('visitor-lapse-1')?.connected).toBe(true);
    expect((await frozen.closing).code).toBe(1006);
    await expect.poll(() => agent.visitors().has('visitor-lapse-1'), { timeout: 3000 }).toBe(false);
    agent.ws.close();
  });

  it('gives a reconnecting agent a snapshot of the same visitors', async () => {
    const site = SITES.again;
    for (const id of ['visitor-again-1', 'visitor-again-2']) await pageview(h.base, site, id, '/products', 'Products');
    const first = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => first.visitors().size).toBe(2);
    // The visit facts (visit number, landing) are looked up beside the snapshot and pushed when
    // they arrive: compare once the first agent has them.
    await expect.poll(() => [...first.visitors().values()].every((v) => v.visitNumber > 0)).toBe(true);
    first.ws.close();
    const again = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => again.events[0]?.type).toBe('live.snapshot');
    expect(again.visitors()).toEqual(first.visitors());
    again.ws.close();
  });

  it('sends an agent at most its cap of visitors, with the full count', async () => {
    const site = SITES.cap;
    for (const n of [1, 2, 3, 4]) await pageview(h.base, site, `visitor-cap-${n}`, '/', 'Home');
    await h.app.writer.drain();
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => agent.events[0]).toMatchObject({ type: 'live.snapshot', total: 4 });
    expect(agent.visitors().size).toBe(3);

    await pageview(h.base, site, 'visitor-cap-5', '/', 'Home');
    await expect.poll(() => agent.total()).toBe(5);
    expect(agent.visitors().size).toBe(3);
    expect(agent.visitors().has('visitor-cap-5')).toBe(false);
    agent.ws.close();
  });
});
