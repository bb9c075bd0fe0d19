import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow, IdentityRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError } from '../contract/errors.ts';
import type { SessionUser } from '../contract/roles.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { pageSource } from '../sources/source-name.ts';
import { loadVisitorProfile } from '../reports/visitor-profile.ts';
import { appRouter } from '../trpc/root.ts';
import { blankEvent, buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { reportScope } from './fragments/report-scope.ts';
import type { VisitorSort } from '../contract/lists.ts';
import { listVisitors, type VisitorListQuery, type VisitorListRow } from './list-visitors.ts';
import { getPerson } from './visitor-people.ts';
import { testStore } from '../testing/test-store.ts';

// The visitors screen's reads against the embedded engine. Expected values are computed
// here in plain TypeScript from the fixture rows, never with the SQL under test.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const MIN = 60_000;
const DAY = 86_400_000;
const ch = testStore();
const site = FIXTURE_SITES.a;
const fixture = buildFixture(NOW);
const mine = fixture.events.filter((e) => e.site_id === site.id);

// Identity stitching needs rows the shared fixture does not have: a site of its own.
const STITCH = 'vt-stitch';
const ev = (visitor: string, session: string, ts: number, type: string, path = '/', extra: Partial<EventRow> = {}) =>
  blankEvent({
    site_id: STITCH,
    visitor_id: visitor,
    session_id: session,
    ts,
    type,
    path,
    url: path,
    country: 'CN',
    city: 'Shanghai',
    device: 'desktop',
    ...extra,
  });
const stitchEvents: EventRow[] = [
  ev('vs-phone-2', 'vs-s1', NOW - 5 * DAY, 'pageview', '/a', { referrer_domain: 'google.com' }),
  ev('vs-phone-2', 'vs-s1', NOW - 5 * DAY + MIN, 'pageview', '/b'),
  ev('vs-known-1', 'vs-s2', NOW - 3 * DAY, 'pageview', '/c'),
  // Same path again (?page=2) in the instant the first view's engagement is sent: listed
  // view-first here, the engagement still belongs to the first view.
  ev('vs-known-1', 'vs-s2', NOW - 3 * DAY + MIN, 'pageview', '/c'),
  ev('vs-known-1', 'vs-s2', NOW - 3 * DAY + MIN, 'engagement', '/c', { engaged_ms: 7000 }),
  ev('vs-mail-3', 'vs-s3', NOW - 2 * DAY, 'pageview', '/d', { utm_source: 'newsletter' }),
  ev('vs-mail-3', 'vs-s3', NOW - 2 * DAY + MIN, 'order', '/d', { order_id: 'o-1', revenue: 10.1, currency: 'USD' }),
  ev('vs-known-1', 'vs-s4', NOW - DAY, 'order', '/c', { order_id: 'o-2', revenue: 20.2, currency: 'USD' }),
  ev('vs-known-1', 'vs-s4', NOW - DAY + MIN, 'order', '/c', { order_id: 'o-3', revenue: 5, currency: 'CNY' }),
  ev('vs-other-4', 'vs-s5', NOW - DAY, 'pageview', '/e'),
  ev('vs-other-5', 'vs-s6', NOW - DAY, 'pageview', '/f'),
];
const idRow = (visitor_id: string, person_id: string, at: number, f: Partial<IdentityRow>): IdentityRow => ({
  site_id: STITCH,
  visitor_id,
  person_id,
  name: '',
  email: '',
  phone: '',
  updated_at: at,
  ...f,
});
// The newest row of a visitor is its identity. Older ones vanish when parts merge, and rows of one
// insert already at the insert: this one goes in alone, with merges stopped, so a query that
// tested rows before keeping the newest would find it.
const oldIdentity = idRow('vs-known-1', 'p-1', NOW - 4 * DAY, {
  name: 'Old Name',
  email: 'old@example.com',
  phone: '+86 999',
});
const stitchIdentities: IdentityRow[] = [
  idRow('vs-known-1', 'p-1', NOW - 3 * DAY + MIN, {
    name: 'Kim Lee',
    email: 'kim@example.com',
    phone: '+86 138 0000 1111',
  }),
  idRow('vs-phone-2', 'p-1', NOW - 5 * DAY, { phone: '+86 555' }),
  idRow('vs-mail-3', 'vs-mail-3', NOW - 2 * DAY, { email: 'kim@example.com', name: 'K.' }),
  // Rows without a person id are not one person with each other.
  idRow('vs-other-4', '', NOW - DAY, { name: 'Other Four' }),
  idRow('vs-other-5', '', NOW - DAY, { name: 'Élodie Five' }),
];

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await ch.insert({ table: TABLES.events, values: stitchEvents, format: 'JSONEachRow' });
  await ch.command({ query: `SYSTEM STOP MERGES ${TABLES.identities}` });
  await ch.insert({ table: TABLES.identities, values: [oldIdentity], format: 'JSONEachRow' });
  await ch.insert({ table: TABLES.identities, values: stitchIdentities, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

const range90 = resolveRange({ preset: '90d' }, site.timeZone, NOW);
const scope90 = reportScope(site.id, range90.from, range90.to, {});
const list = (q: Partial<VisitorListQuery>, scope = scope90) =>
  listVisitors(ch, scope, { search: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 100, ...q });
const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

/** A list row as the fixture says it should be, from the visitor's events in the range. */
function expectedRow(visitorId: string, rows: EventRow[]): VisitorListRow {
  const own = rows.filter((e) => e.visitor_id === visitorId).sort((a, b) => a.ts - b.ts);
  const last = own.at(-1)!;
  const sessions = [...groupBy(own, (e) => e.session_id).values()].sort((a, b) => a[0]!.ts - b[0]!.ts);
  const entry = sessions
    .filter((s) => s.some((e) => e.type === 'pageview'))
    .at(-1)
    ?.find((e) => e.type === 'pageview');
  const identity = fixture.identities
    .filter((i) => i.visitor_id === visitorId)
    .sort((a, b) => a.updated_at - b.updated_at)
    .at(-1);
  return {
    visitorId,
    name: identity?.name ?? '',
    email: identity?.email ?? '',
    phone: identity?.phone ?? '',
    country: last.country,
    city: last.city,
    device: last.device,
    browser: last.browser,
    os: last.os,
    firstSeen: own[0]!.ts,
    lastSeen: last.ts,
    sessions: sessions.length,
    pageviews: own.filter((e) => e.type === 'pageview').length,
    lastSource: entry ? pageSource(entry.utm_source, entry.referrer_domain) : '',
    chatted: own.some((e) => e.type === 'chat_started'),
    lead: own.some((e) => e.type === 'lead_created'),
    ordered: own.some((e) => e.type === 'order'),
  };
}

describe('visitors list', () => {
  const inRange = mine.filter((e) => e.ts >= range90.from && e.ts < range90.to);
  const ids = [...new Set(inRange.map((e) => e.visitor_id))];

  it('has one correct row per visitor of the range, with the total', async () => {
    const result = await list({});
    expect(result.total).toBe(ids.length);
    expect(new Map(result.rows.map((r) => [r.visitorId, r]))).toEqual(
      new Map(ids.map((id) => [id, expectedRow(id, inRange)])),
    );
  });

  it.each<[VisitorSort, keyof VisitorListRow]>([
    ['lastSeen', 'lastSeen'],
    ['firstSeen', 'firstSeen'],
    ['sessions', 'sessions'],
    ['pageviews', 'pageviews'],
  ])('pages through everyone once, sorted by %s', async (sort, field) => {
    for (const order of ['asc', 'desc'] as const) {
      const pages: VisitorListRow[][] = [];
      for (let offset = 0; offset < ids.length; offset += 7) {
        const page = await list({ sort, order, offset, limit: 7 });
        expect(page.total).toBe(ids.length);
        pages.push(page.rows);
      }
      const seen = pages.flat();
      expect(seen.map((r) => r.visitorId).sort()).toEqual([...ids].sort());
      const values = seen.map((r) => Number(r[field]));
      expect(values).toEqual([...values].sort((a, b) => (order === 'asc' ? a - b : b - a)));
    }
  });

  it('searches id, name, email and phone case-insensitively', async () => {
    expect((await list({ search: 'visitor10@' })).rows.map((r) => r.visitorId)).toEqual(['fv-0010']);
    const byName = fixture.identities
      .filter((i) => i.site_id === site.id && i.name.toLowerCase().includes('visitor 2'))
      .map((i) => i.visitor_id);
    expect(byName.length).toBeGreaterThan(1);
    const found = await list({ search: 'VISITOR 2' });
    expect(found.rows.map((r) => r.visitorId).sort()).toEqual(byName.sort());
    expect(found.total).toBe(byName.length);
    const byId = ids.filter((id) => id.includes('fv-001'));
    expect((await list({ search: 'FV-001' })).rows.map((r) => r.visitorId).sort()).toEqual(byId.sort());
    expect(await list({ search: 'nobody-here' })).toEqual({ total: 0, rows: [] });
  });

  it('applies the page filters and the range to the rows, not only to the set', async () => {
    const range = resolveRange({ preset: '7d' }, site.timeZone, NOW);
    const rows = mine.filter((e) => e.ts >= range.from && e.ts < range.to && e.country === 'CN');
    const result = await list({}, reportScope(site.id, range.from, range.to, { country: 'CN' }));
    const want = [...new Set(rows.map((e) => e.visitor_id))];
    expect(want.length).toBeGreaterThan(0);
    expect(new Map(result.rows.map((r) => [r.visitorId, r]))).toEqual(
      new Map(want.map((id) => [id, expectedRow(id, rows)])),
    );
  });

  it('never shows another site', async () => {
    const other = new Set(fixture.events.filter((e) => e.site_id === FIXTURE_SITES.b.id).map((e) => e.visitor_id));
    expect(other.size).toBeGreaterThan(0);
    const all = await list({ limit: 1000 });
    expect(all.rows.filter((r) => other.has(r.visitorId))).toEqual([]);
    expect((await list({ search: 'fv-010' })).rows).toEqual([]);
    await expect(loadVisitorProfile(ch, site.id, 'fv-0100')).rejects.toThrow(NotFoundError);
  });

  it("shows and searches a visitor's newest identity row only", async () => {
    const scope = reportScope(STITCH, NOW - 30 * DAY, NOW, {});
    const byPhone = await list({ search: '138 0000' }, scope);
    expect(byPhone.rows.map((r) => [r.visitorId, r.name, r.email, r.phone])).toEqual([
      ['vs-known-1', 'Kim Lee', 'kim@example.com', '+86 138 0000 1111'],
    ]);
    expect((await list({ search: 'kim lee' }, scope)).rows.map((r) => r.visitorId)).toEqual(['vs-known-1']);
    // The same phone as a Chinese agent types it back: no +86, dashes.
    expect((await list({ search: '138-0000-1111' }, scope)).rows.map((r) => r.visitorId)).toEqual(['vs-known-1']);
    expect((await list({ search: 'old name' }, scope)).rows).toEqual([]);
    // Case folding beyond ASCII.
    expect((await list({ search: 'éLODIE' }, scope)).rows.map((r) => r.visitorId)).toEqual(['vs-other-5']);
  });
});

describe('visitor profile', () => {
  // Time on page as documented: the session's engagement of the view's path until the next view.
  const timeOnPage = (own: EventRow[], view: EventRow) => {
    const next = own.find((e) => e.session_id === view.session_id && e.type === 'pageview' && e.ts > view.ts);
    return own
      .filter(
        (e) =>
          e.session_id === view.session_id &&
          e.type === 'engagement' &&
          e.path === view.path &&
          e.ts >= view.ts &&
          (!next || e.ts < next.ts),
      )
      .reduce((s, e) => s + e.engaged_ms, 0);
  };

  it.each(['fv-0008', 'fv-0020', 'fv-0012'])(
    'rebuilds returning visitor %s: sessions, trails, time on page, totals',
    async (visitorId) => {
      const own = mine.filter((e) => e.visitor_id === visitorId).sort((a, b) => a.ts - b.ts);
      const sessions = [...groupBy(own, (e) => e.session_id).values()].sort((a, b) => b[0]!.ts - a[0]!.ts);
      expect(sessions.length).toBe(2);
      const p = await loadVisitorProfile(ch, site.id, visitorId);
      expect(p.person.visitorIds).toEqual([visitorId]);
      expect(p.sessions.map((s) => s.sessionId)).toEqual(sessions.map((s) => s[0]!.session_id));
      for (const [k, rows] of sessions.entries()) {
        const got = p.sessions[k]!;
        const views = rows.filter((e) => e.type === 'pageview');
        expect(got.pages.map((x) => [x.path, x.title, x.ts, x.engagedMs])).toEqual(
          views.map((v) => [v.path, v.title, v.ts, timeOnPage(own, v)]),
        );
        expect(got.pages.every((x) => x.engagedMs > 0)).toBe(true);
        expect(got).toMatchObject({
          landing: views[0]!.path,
          source: pageSource(views[0]!.utm_source, views[0]!.referrer_domain),
          utmCampaign: views[0]!.utm_campaign,
          start: rows[0]!.ts,
          end: rows.at(-1)!.ts,
        });
        expect(got.moments.map((m) => m.type)).toEqual(
          rows.filter((e) => e.type !== 'pageview' && e.type !== 'engagement').map((e) => e.type),
        );
      }
      const count = (type: string) => own.filter((e) => e.type === type).length;
      // Time on site is the sum of the visits' durations (first to last event of each).
      const timeOnSiteMs = sessions.reduce((sum, rows) => sum + (rows.at(-1)!.ts - rows[0]!.ts), 0);
      expect(p.totals).toEqual({
        sessions: 2,
        pageviews: count('pageview'),
        timeOnSiteMs,
        chats: count('chat_started'),
        leads: count('lead_created'),
        orders: count('order'),
      });
      const orders = own.filter((e) => e.type === 'order');
      expect(p.revenue).toEqual(
        orders.length ? [{ currency: 'CNY', value: orders.reduce((s, e) => s + e.revenue, 0) }] : [],
      );
      expect([p.firstSeen, p.lastSeen, p.truncated]).toEqual([own[0]!.ts, own.at(-1)!.ts, false]);
    },
  );

  it('joins visitor ids by person id and by email, with their anonymous history', async () => {
    const person = await getPerson(ch, STITCH, 'vs-known-1');
    // Each field: the newest non-empty one among the joined ids.
    expect(person).toEqual({
      visitorIds: ['vs-known-1', 'vs-mail-3', 'vs-phone-2'],
      name: 'K.',
      email: 'kim@example.com',
      phone: '+86 138 0000 1111',
    });
    // From the anonymous id (linked by person id only) the same person is reached, email link included.
    expect((await getPerson(ch, STITCH, 'vs-phone-2')).visitorIds).toEqual(['vs-phone-2', 'vs-known-1', 'vs-mail-3']);
    const p = await loadVisitorProfile(ch, STITCH, 'vs-known-1');
    const joined = stitchEvents.filter((e) => ['vs-known-1', 'vs-phone-2', 'vs-mail-3'].includes(e.visitor_id));
    expect(p.sessions.map((s) => s.sessionId)).toEqual(['vs-s4', 'vs-s3', 'vs-s2', 'vs-s1']);
    expect(p.sessions.at(-1)).toMatchObject({ visitorId: 'vs-phone-2', source: 'Google', landing: '/a' });
    expect(p.sessions[2]?.pages.map((x) => [x.path, x.engagedMs])).toEqual([
      ['/c', 7000],
      ['/c', 0],
    ]);
    expect(p.totals.orders).toBe(joined.filter((e) => e.type === 'order').length);
    expect(p.revenue).toEqual([
      { currency: 'USD', value: 30.3 },
      { currency: 'CNY', value: 5 },
    ]);
  });

  it('does not join visitors whose person id is empty', async () => {
    expect(await getPerson(ch, STITCH, 'vs-other-4')).toEqual({
      visitorIds: ['vs-other-4'],
      name: 'Other Four',
      email: '',
      phone: '',
    });
  });

  it('answers NOT_FOUND for a visitor without events', async () => {
    await expect(loadVisitorProfile(ch, site.id, 'no-such-visitor')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'No such visitor',
    });
  });
});

describe('visitor router', () => {
  const agent: SessionUser = {
    id: 'u-agent',
    email: 'agent@example.com',
    name: 'Agent',
    role: 'agent',
    siteIds: [site.id],
  };
  const caller = (user: SessionUser) =>
    appRouter.createCaller({ ch, user, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
  // A fixed custom range: the router resolves presets against the real clock, the fixture is dated NOW.
  const range = { preset: 'custom', from: '2026-10-01', to: '2026-11-30' } as const;
  const everyone = new Set(mine.map((e) => e.visitor_id)).size;

  it('lists a page, or every row for the CSV export, for an agent of the site', async () => {
    const page2 = await caller(agent).visitor.list({
      siteId: site.id,
      range,
      page: 2,
      pageSize: 5,
      sort: 'firstSeen',
      order: 'asc',
    });
    expect([page2.total, page2.rows.length, page2.timeZone]).toEqual([everyone, 5, site.timeZone]);
    const all = await caller(agent).visitor.list({ siteId: site.id, range, pageSize: 5, all: true });
    expect(all.rows.length).toBe(everyone);
  });

  it('rejects what is not on the allow-lists and sites the user may not open', async () => {
    const list = caller(agent).visitor.list;
    await expect(list({ siteId: site.id, range, pageSize: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(list({ siteId: site.id, range, sort: 'name' as 'lastSeen' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(list({ siteId: site.id, range, search: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(list({ siteId: FIXTURE_SITES.b.id, range })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller(agent).visitor.byId({ siteId: site.id, visitorId: 'fv-0100' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(caller(agent).visitor.byId({ siteId: site.id, visitorId: "x' OR 1=1" })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const profile = await caller(agent).visitor.byId({ siteId: site.id, visitorId: 'fv-0008' });
    expect([profile.timeZone, profile.totals.sessions]).toEqual([site.timeZone, 2]);
  });
});
