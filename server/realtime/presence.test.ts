import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blankEvent, type EventRow, type IdentityRow } from '../../clickhouse/rows.ts';
import type { Enriched } from '../ingest/enrich.ts';
import type { VisitFacts } from '../queries/visit-facts.ts';
import { RealtimeBus, type BusChannels } from '../bus/bus.ts';
import { Presence, type PresenceTimings } from './presence.ts';
import { buildTrail, TRAIL_STEPS } from './trail.ts';

// Presence on a hand-driven clock: ticks are called explicitly, lookups answer from a table.
const SITE = 'site-unit-1';
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const TIMINGS: PresenceTimings = { heartbeatTimeoutMs: 45_000, graceMs: 10_000, eventTtlMs: 60_000, tickMs: 200 };

function row(visitorId: string, sessionId: string, ts: number, type: string, extra: Partial<EventRow> = {}): EventRow {
  return blankEvent({
    site_id: SITE,
    ts,
    event_id: randomUUID(),
    type,
    visitor_id: visitorId,
    session_id: sessionId,
    screen: '',
    language: '',
    country: 'CN',
    region: 'GD',
    city: 'Shenzhen',
    browser: 'Chrome',
    browser_version: '126',
    os: 'Windows',
    device: 'desktop',
    ...extra,
  });
}

const stored = (events: EventRow[], identities: IdentityRow[] = []): Enriched => ({
  events,
  bots: [],
  identities,
  orders: [],
});
// What the store answers for a visitor first seen by its stored page view at T0.
const NO_FACTS: VisitFacts = { visits: 1, name: '', startedAt: T0, landing: null, client: null, trail: [] };

function setup(facts: (visitorId: string, sessionId: string) => VisitFacts = () => NO_FACTS) {
  let now = T0;
  const bus = new RealtimeBus();
  const published: BusChannels['presence'][] = [];
  bus.subscribe('presence', (m) => published.push(m));
  const lookups: string[] = [];
  const presence = new Presence({
    lookup: (_site, visits) => {
      for (const { visitorId, sessionId } of visits) lookups.push(`${visitorId}/${sessionId}`);
      return Promise.resolve(new Map(visits.map((v) => [v.visitorId, facts(v.visitorId, v.sessionId)])));
    },
    bus,
    timings: TIMINGS,
    now: () => now,
    autoTick: false,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const advance = (ms: number) => {
    now += ms;
    presence.tick();
  };
  const live = (visitorId: string) => presence.snapshot(SITE, 500).visitors.find((v) => v.visitorId === visitorId);
  return { presence, published, lookups, settle, advance, live, at: () => now };
}

describe('presence', () => {
  it('turns stored rows into one live row, pushed once per tick', async () => {
    const { presence, published, settle, advance } = setup();
    const landing = row('visitor-a1', 'sess-a1', T0, 'pageview', {
      path: '/pricing',
      title: 'Pricing',
      referrer_domain: 'weibo.com',
      utm_source: 'weibo',
      utm_medium: 'social',
      utm_campaign: 'launch',
    });
    const engaged = row('visitor-a1', 'sess-a1', T0 + 9_000, 'engagement', { path: '/pricing', engaged_ms: 8_500 });
    const second = row('visitor-a1', 'sess-a1', T0 + 9_000, 'pageview', {
      path: '/contact',
      title: 'Contact',
      referrer_domain: '',
    });
    presence.onStored(stored([landing]), SITE);
    presence.onStored(stored([engaged, second]), SITE);
    await settle();
    advance(200);

    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ siteId: SITE, removes: [], total: 1 });
    expect(published[0]?.upserts).toEqual([
      {
        visitorId: 'visitor-a1',
        sessionId: 'sess-a1',
        name: '',
        country: 'CN',
        region: 'GD',
        city: 'Shenzhen',
        device: 'desktop',
        browser: 'Chrome',
        os: 'Windows',
        source: 'Weibo',
        referrerDomain: landing.referrer_domain,
        utmSource: landing.utm_source,
        utmMedium: landing.utm_medium,
        utmCampaign: landing.utm_campaign,
        visitNumber: 1,
        startedAt: landing.ts,
        lastSeenAt: second.ts,
        pageviews: 2,
        connected: false,
        trail: [
          { at: landing.ts, path: '/pricing', title: 'Pricing', engagedMs: engaged.engaged_ms },
          { at: second.ts, path: '/contact', title: 'Contact', engagedMs: 0 },
        ],
      },
    ]);
    advance(200);
    expect(published).toHaveLength(1);
  });

  it('does not bring back a visitor on an engagement or exit-intent beacon alone', () => {
    const { presence, live } = setup();
    presence.onStored(
      stored([
        row('visitor-b1', 'sess-b1', T0, 'engagement', { engaged_ms: 1000 }),
        row('visitor-b1', 'sess-b1', T0, 'exit_intent'),
      ]),
      SITE,
    );
    expect(live('visitor-b1')).toBeUndefined();
    expect(presence.count(SITE)).toBe(0);
  });

  it('starts a new trail and counts one more visit when the session changes; ignores late beacons of the old one', async () => {
    const { presence, settle, live, lookups } = setup((_v, s) =>
      s === 'sess-c1' ? { ...NO_FACTS, visits: 3 } : { ...NO_FACTS, visits: 4, startedAt: T0 + 40 * 60_000 },
    );
    presence.onStored(stored([row('visitor-c1', 'sess-c1', T0, 'pageview', { path: '/a' })]), SITE);
    await settle();
    expect(live('visitor-c1')?.visitNumber).toBe(3);

    presence.onStored(
      stored([row('visitor-c1', 'sess-c2', T0 + 40 * 60_000, 'pageview', { path: '/b', utm_source: 'baidu' })]),
      SITE,
    );
    expect(live('visitor-c1')).toMatchObject({
      sessionId: 'sess-c2',
      visitNumber: 4,
      utmSource: 'baidu',
      source: 'Baidu',
      startedAt: T0 + 40 * 60_000,
      trail: [{ path: '/b' }],
    });
    presence.onStored(stored([row('visitor-c1', 'sess-c1', T0 + 60_000, 'pageview', { path: '/late' })]), SITE);
    expect(live('visitor-c1')?.trail.map((s) => s.path)).toEqual(['/b']);
    await settle();
    expect(lookups).toEqual(['visitor-c1/sess-c1', 'visitor-c1/sess-c2']);
    expect(live('visitor-c1')?.visitNumber).toBe(4);
  });

  it('keeps a socketless visitor for the event TTL after its last stored event', () => {
    const { presence, advance, live, published } = setup();
    presence.onStored(stored([row('visitor-d1', 'sess-d1', T0, 'pageview')]), SITE);
    advance(TIMINGS.eventTtlMs - 1);
    expect(live('visitor-d1')).toBeDefined();
    advance(1);
    expect(live('visitor-d1')).toBeUndefined();
    expect(published.at(-1)).toEqual({ siteId: SITE, upserts: [], removes: ['visitor-d1'], total: 0 });
  });

  it('forgets erased visitors at once and tells the hub at the next tick', () => {
    const { presence, published, advance, live } = setup();
    presence.onStored(
      stored([row('visitor-e1', 'sess-e1', T0, 'pageview'), row('visitor-e2', 'sess-e2', T0, 'pageview')]),
      SITE,
    );
    advance(200);
    presence.forget(SITE, ['visitor-e1', 'visitor-unknown']);
    expect(live('visitor-e1')).toBeUndefined();
    advance(200);
    expect(published.at(-1)).toEqual({ siteId: SITE, upserts: [], removes: ['visitor-e1'], total: 1 });
  });

  it('keeps a visitor while its socket beats, through a page load, and removes it a grace period after it closes', () => {
    const { presence, advance, live } = setup();
    presence.onStored(stored([row('visitor-e1', 'sess-e1', T0, 'pageview')]), SITE);
    const first = presence.connect({ siteId: SITE, visitorId: 'visitor-e1', sessionId: 'sess-e1' }, () => undefined);
    for (let i = 0; i < 10; i++) {
      advance(15_000);
      first.beat();
    }
    expect(live('visitor-e1')?.connected).toBe(true);
    // A full page load: the old page's socket closes, the next page's opens a moment later.
    first.close();
    advance(2_000);
    expect(live('visitor-e1')?.connected).toBe(false);
    const second = presence.connect({ siteId: SITE, visitorId: 'visitor-e1', sessionId: 'sess-e1' }, () => undefined);
    advance(TIMINGS.graceMs * 2);
    expect(live('visitor-e1')?.connected).toBe(true);
    second.close();
    advance(TIMINGS.graceMs - 1);
    expect(live('visitor-e1')).toBeDefined();
    advance(1);
    expect(live('visitor-e1')).toBeUndefined();
  });

  it('drops a socket that stops beating, and tells the hub to close it', () => {
    const { presence, advance, live } = setup();
    presence.onStored(stored([row('visitor-f1', 'sess-f1', T0, 'pageview')]), SITE);
    let lapsed = 0;
    presence.connect({ siteId: SITE, visitorId: 'visitor-f1', sessionId: 'sess-f1' }, () => lapsed++);
    advance(TIMINGS.heartbeatTimeoutMs);
    expect(live('visitor-f1')).toBeDefined();
    advance(1);
    expect(lapsed).toBe(1);
    expect(live('visitor-f1')).toBeUndefined();
  });

  it('rebuilds a visit from the store for a visitor first seen by its socket (after a restart), without doubling rows seen live', async () => {
    const pv = {
      id: randomUUID(),
      at: T0 - 60_000,
      type: 'pageview' as const,
      path: '/products',
      title: 'Products',
      engagedMs: 0,
    };
    const eng = {
      id: randomUUID(),
      at: T0 - 20_000,
      type: 'engagement' as const,
      path: '/products',
      title: '',
      engagedMs: 30_000,
    };
    const next = row('visitor-g1', 'sess-g1', T0 - 20_000, 'pageview', { path: '/kettle', title: 'Kettle' });
    const facts: VisitFacts = {
      visits: 2,
      name: 'Li Lei',
      startedAt: T0 - 60_000,
      landing: { at: T0 - 60_000, referrerDomain: 'google.com', utmSource: '', utmMedium: '', utmCampaign: '' },
      client: { country: 'US', region: 'CA', city: 'San Jose', device: 'mobile', browser: 'Safari', os: 'iOS' },
      trail: [
        pv,
        eng,
        { id: next.event_id, at: next.ts, type: 'pageview', path: next.path, title: next.title, engagedMs: 0 },
      ],
    };
    const { presence, settle, live } = setup(() => facts);
    presence.connect({ siteId: SITE, visitorId: 'visitor-g1', sessionId: 'sess-g1' }, () => undefined);
    // The same page view also arrives live (it was stored while the lookup ran).
    presence.onStored(stored([next]), SITE);
    await settle();
    expect(live('visitor-g1')).toMatchObject({
      name: 'Li Lei',
      visitNumber: 2,
      startedAt: T0 - 60_000,
      referrerDomain: 'google.com',
      country: 'CN',
      connected: true,
      pageviews: 2,
      trail: [
        { path: '/products', engagedMs: 30_000 },
        { path: '/kettle', engagedMs: 0 },
      ],
    });
  });

  it('shows a bare socket only once the store knows the visit', async () => {
    const { presence, settle, live } = setup(() => ({ ...NO_FACTS, visits: 0, startedAt: 0 }));
    presence.connect({ siteId: SITE, visitorId: 'visitor-h1', sessionId: 'sess-h1' }, () => undefined);
    await settle();
    expect(live('visitor-h1')).toBeUndefined();
    expect(presence.count(SITE)).toBe(0);
    presence.onStored(stored([row('visitor-h1', 'sess-h1', T0, 'pageview')]), SITE);
    expect(live('visitor-h1')).toMatchObject({ connected: true, visitNumber: 1 });
  });

  it('takes the known name from identify as it is stored', async () => {
    const { presence, settle, live } = setup(() => ({ ...NO_FACTS, name: 'Old Name' }));
    presence.onStored(stored([row('visitor-i1', 'sess-i1', T0, 'pageview')]), SITE);
    await settle();
    expect(live('visitor-i1')?.name).toBe('Old Name');
    const identity: IdentityRow = {
      site_id: SITE,
      visitor_id: 'visitor-i1',
      person_id: 'visitor-i1',
      name: '',
      email: 'hanmeimei@example.com',
      phone: '',
      updated_at: T0,
    };
    presence.onStored(stored([row('visitor-i1', 'sess-i1', T0 + 1, 'identify')], [identity]), SITE);
    expect(live('visitor-i1')?.name).toBe('hanmeimei@example.com');
  });

  it('caps the snapshot, most recently active first, and counts everyone', () => {
    const { presence } = setup();
    for (let i = 0; i < 5; i++)
      presence.onStored(stored([row(`visitor-j${i}`, `sess-j${i}`, T0 + i * 1000, 'pageview')]), SITE);
    const snap = presence.snapshot(SITE, 3);
    expect(snap.total).toBe(5);
    expect(snap.visitors.map((v) => v.visitorId)).toEqual(['visitor-j4', 'visitor-j3', 'visitor-j2']);
  });
});

describe('buildTrail', () => {
  const ev = (at: number, type: 'pageview' | 'engagement', path: string, engagedMs = 0) => ({
    id: randomUUID(),
    at,
    type,
    path,
    title: path.toUpperCase(),
    engagedMs,
  });

  it('orders by time, a page view after an engagement of the same instant, and adds engagement to the latest view of its path', () => {
    const events = [
      ev(30, 'pageview', '/c'),
      ev(20, 'pageview', '/b'),
      ev(10, 'pageview', '/a'),
      ev(20, 'engagement', '/b', 7),
      ev(20, 'engagement', '/a', 5),
      ev(40, 'engagement', '/b', 3),
      ev(45, 'engagement', '/c', 2),
    ];
    expect(buildTrail(events)).toEqual({
      pageviews: 3,
      trail: [
        { at: 10, path: '/a', title: '/A', engagedMs: 5 },
        // the engagement of /b at 20 precedes its view (same instant, sorted first): nothing to add it to
        { at: 20, path: '/b', title: '/B', engagedMs: 3 },
        { at: 30, path: '/c', title: '/C', engagedMs: 2 },
      ],
    });
  });

  it(`keeps the newest ${TRAIL_STEPS} steps and the full page count`, () => {
    const events = Array.from({ length: TRAIL_STEPS + 7 }, (_, i) => ev(i, 'pageview', `/p${i}`));
    const { trail, pageviews } = buildTrail(events);
    expect(pageviews).toBe(TRAIL_STEPS + 7);
    expect(trail[0]?.path).toBe('/p7');
    expect(trail).toHaveLength(TRAIL_STEPS);
  });
});
