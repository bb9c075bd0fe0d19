import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { loadVisitorProfile } from '../reports/visitor-profile.ts';
import { toSessions } from '../reports/visitor-sessions.ts';
import { buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { reportScope } from './fragments/report-scope.ts';
import { getGeoBreakdown } from './geo-breakdown.ts';
import { listVisitors } from './list-visitors.ts';
import { getOverviewKpis } from './overview-kpis.ts';
import { getSessionAttribute } from './session-attribute.ts';
import { getTopPages } from './top-pages.ts';
import { getVisitorEvents } from './visitor-events.ts';
import { pageSource, sourceName } from '../sources/source-name.ts';
import { testStore } from '../testing/test-store.ts';

// Report queries against the embedded engine, compared with numbers computed here in
// plain TypeScript from the same fixture rows (never with the SQL under test).
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();
const site = FIXTURE_SITES.a;
const all = buildFixture(NOW).events;
const mine = all.filter((e) => e.site_id === site.id);

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
});
afterAll(() => ch.close());

const uniq = (rows: EventRow[], key: keyof EventRow) => new Set(rows.map((e) => e[key])).size;
const landing = (rows: EventRow[]) => {
  const first = new Map<string, EventRow>();
  for (const e of rows)
    if (e.type === 'pageview' && (!first.has(e.session_id) || e.ts < first.get(e.session_id)!.ts))
      first.set(e.session_id, e);
  return first;
};

/** The session-level filter semantics of report-scope.ts, restated in TS. */
function expected(from: number, to: number, f: ReportFilters): EventRow[] {
  const inRange = mine.filter((e) => e.ts >= from && e.ts < to);
  // A session's entry is its first page view ever; it counts when the session viewed a page in the range.
  const entries = landing(mine);
  const active = new Set(inRange.filter((e) => e.type === 'pageview').map((e) => e.session_id));
  // Sources by name (server/sources, unit-tested there): the fixture's Baidu comes three ways.
  const source = (e: EventRow) => pageSource(e.utm_source, e.referrer_domain);
  return inRange.filter((e) => {
    const entry = active.has(e.session_id) ? entries.get(e.session_id) : undefined;
    if (f.country && e.country !== f.country) return false;
    if (f.device && e.device !== f.device) return false;
    if (f.source && (!entry || source(entry) !== sourceName(f.source))) return false;
    if (f.campaign && (!entry || entry.utm_campaign !== f.campaign)) return false;
    if (f.page && !inRange.some((x) => x.session_id === e.session_id && x.type === 'pageview' && x.path === f.page))
      return false;
    return true;
  });
}

const CASES: [string, ReportFilters][] = [
  ['no filter', {}],
  ['country', { country: 'CN' }],
  ['source', { source: 'baidu' }],
  ['campaign', { campaign: 'spring_sale' }],
  ['page', { page: '/pricing' }],
  ['device + country', { device: 'mobile', country: 'US' }],
  ['source + page', { source: 'baidu', page: '/pricing' }],
];

describe.each(CASES)('reports with %s', (_name, filters) => {
  for (const preset of ['7d', '30d'] as const) {
    it(`KPIs over ${preset} and the period before`, async () => {
      const range = resolveRange({ preset }, site.timeZone, NOW);
      for (const [from, to] of [
        [range.from, range.to],
        [range.prevFrom, range.prevTo],
      ] as const) {
        const rows = expected(from, to, filters);
        const kpis = await getOverviewKpis(ch, reportScope(site.id, from, to, filters));
        const sessions = new Map<string, EventRow[]>();
        for (const e of rows) sessions.set(e.session_id, [...(sessions.get(e.session_id) ?? []), e]);
        const withViews = [...sessions.values()].filter((s) => s.some((e) => e.type === 'pageview'));
        expect(kpis).toEqual({
          visitors: uniq(rows, 'visitor_id'),
          sessions: sessions.size,
          pageviews: rows.filter((e) => e.type === 'pageview').length,
          bounceRate:
            withViews.length === 0
              ? 0
              : withViews.filter((s) => s.filter((e) => e.type === 'pageview').length === 1).length / withViews.length,
          avgSessionMs:
            sessions.size === 0
              ? 0
              : [...sessions.values()].reduce(
                  (sum, s) => sum + Math.max(...s.map((e) => e.ts)) - Math.min(...s.map((e) => e.ts)),
                  0,
                ) / sessions.size,
          chats: rows.filter((e) => e.type === 'chat_started').length,
          leads: rows.filter((e) => e.type === 'lead_created').length,
          orders: rows.filter((e) => e.type === 'order').length,
          revenue: [...new Set(rows.filter((e) => e.type === 'order').map((e) => e.currency))]
            .map((currency) => ({
              currency,
              value: rows
                .filter((e) => e.type === 'order' && e.currency === currency)
                .reduce((s, e) => s + e.revenue, 0),
            }))
            .sort((a, b) => b.value - a.value),
        });
      }
    });
  }

  it('top pages, entry pages and countries over 30 days', async () => {
    const range = resolveRange({ preset: '30d' }, site.timeZone, NOW);
    const rows = expected(range.from, range.to, filters);
    expect(rows.length).toBeGreaterThan(0);
    const scope = reportScope(site.id, range.from, range.to, filters);
    const views = rows.filter((e) => e.type === 'pageview');
    const pages = await getTopPages(ch, scope);
    expect(new Map(pages.map((p) => [p.value, p.pageviews]))).toEqual(
      new Map([...new Set(views.map((e) => e.path))].map((p) => [p, views.filter((e) => e.path === p).length])),
    );
    const firsts = [...landing(rows).values()];
    // From the session rollup, and from the events as a scope it cannot serve (a tag filter) reads them.
    for (const source of [scope, { ...scope, sessionKeyFilters: null }]) {
      const entries = await getSessionAttribute(ch, source, 'entry');
      expect(new Map(entries.map((p) => [p.value, p.sessions]))).toEqual(
        new Map([...new Set(firsts.map((e) => e.path))].map((p) => [p, firsts.filter((e) => e.path === p).length])),
      );
    }
    const geo = await getGeoBreakdown(ch, scope, { level: 'country' });
    expect(new Map(geo.map((g) => [g.place, g.visitors]))).toEqual(
      new Map(
        [...new Set(rows.map((e) => e.country))].map((c) => [
          c,
          uniq(
            rows.filter((e) => e.country === c),
            'visitor_id',
          ),
        ]),
      ),
    );
  });

  it('sources and campaigns over 30 days: each session under its entry, as the filters take it', async () => {
    const range = resolveRange({ preset: '30d' }, site.timeZone, NOW);
    const rows = expected(range.from, range.to, filters);
    const entries = landing(mine);
    const sessions = [...new Set(rows.filter((e) => e.type === 'pageview').map((e) => e.session_id))];
    const want = (of: (entry: EventRow) => string) => {
      const by = new Map<string, { visitors: Set<string>; sessions: number }>();
      for (const id of sessions) {
        const entry = entries.get(id)!;
        const value = of(entry);
        if (!value) continue;
        const row = by.get(value) ?? by.set(value, { visitors: new Set(), sessions: 0 }).get(value)!;
        row.visitors.add(entry.visitor_id);
        row.sessions += 1;
      }
      return new Map([...by].map(([value, r]) => [value, { visitors: r.visitors.size, sessions: r.sessions }]));
    };
    const got = (list: { value: string; visitors: number; sessions: number }[]) =>
      new Map(list.map((r) => [r.value, { visitors: r.visitors, sessions: r.sessions }]));
    const scope = reportScope(site.id, range.from, range.to, filters);
    // From the session rollup, and from the events as a scope it cannot serve (a tag filter) reads them.
    for (const source of [scope, { ...scope, sessionKeyFilters: null }]) {
      expect(got(await getSessionAttribute(ch, source, 'source'))).toEqual(
        want((e) => pageSource(e.utm_source, e.referrer_domain)),
      );
      expect(got(await getSessionAttribute(ch, source, 'utm_campaign'))).toEqual(want((e) => e.utm_campaign));
    }
  });
});

describe('visitors', () => {
  it('applies the page filters to the list', async () => {
    const range = resolveRange({ preset: '90d' }, site.timeZone, NOW);
    for (const [, filters] of CASES) {
      const rows = expected(range.from, range.to, filters);
      const list = await listVisitors(ch, reportScope(site.id, range.from, range.to, filters), {
        search: '',
        sort: 'lastSeen',
        order: 'desc',
        offset: 0,
        limit: 100,
      });
      expect(new Set(list.rows.map((r) => r.visitorId))).toEqual(new Set(rows.map((e) => e.visitor_id)));
    }
  });

  it('lists every visitor of the range once, paginated, never another site', async () => {
    const range = resolveRange({ preset: '90d' }, site.timeZone, NOW);
    const scope = reportScope(site.id, range.from, range.to, {});
    const page1 = await listVisitors(ch, scope, { search: '', sort: 'sessions', order: 'desc', offset: 0, limit: 10 });
    const page2 = await listVisitors(ch, scope, {
      search: '',
      sort: 'sessions',
      order: 'desc',
      offset: 10,
      limit: 100,
    });
    expect(page1.total).toBe(uniq(mine, 'visitor_id'));
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.visitorId))).toEqual(
      new Set(mine.map((e) => e.visitor_id)),
    );
    expect(page1.rows[0]?.sessions).toBe(2);
    const found = await listVisitors(ch, scope, {
      search: 'VISITOR10@',
      sort: 'lastSeen',
      order: 'desc',
      offset: 0,
      limit: 10,
    });
    expect(found.rows.map((r) => r.visitorId)).toEqual(['fv-0010']);
    expect(found.rows[0]).toMatchObject({ name: 'Visitor 10', ordered: true });
  });

  it("rebuilds a returning visitor's sessions and trails with time on page", async () => {
    const sessions = toSessions(await getVisitorEvents(ch, site.id, ['fv-0008']));
    const own = mine.filter((e) => e.visitor_id === 'fv-0008');
    expect(sessions.map((s) => s.sessionId)).toEqual([...new Set(own.map((e) => e.session_id))].reverse());
    for (const s of sessions) {
      const views = own.filter((e) => e.session_id === s.sessionId && e.type === 'pageview');
      expect(s.pages.map((p) => p.path)).toEqual(views.map((e) => e.path));
      expect(s.pages.map((p) => p.engagedMs)).toEqual(
        views.map(
          (v) =>
            own.find((e) => e.type === 'engagement' && e.session_id === s.sessionId && e.path === v.path && e.ts > v.ts)
              ?.engaged_ms,
        ),
      );
    }
  });

  it("gives a profile's time on site as the sum of its visits' durations, first to last event", async () => {
    const profile = await loadVisitorProfile(ch, site.id, 'fv-0008');
    // Seconds per session straight from the fixture rows: last event minus first.
    const bounds = new Map<string, { from: number; to: number }>();
    for (const e of mine.filter((r) => r.visitor_id === 'fv-0008')) {
      const b = bounds.get(e.session_id) ?? { from: e.ts, to: e.ts };
      bounds.set(e.session_id, { from: Math.min(b.from, e.ts), to: Math.max(b.to, e.ts) });
    }
    const seconds = [...bounds.values()].map((b) => (b.to - b.from) / 1000);
    expect(seconds.length).toBeGreaterThan(1);
    expect(profile.sessions.map((s) => s.durationMs / 1000).sort()).toEqual([...seconds].sort());
    expect(profile.totals.timeOnSiteMs / 1000).toBe(seconds.reduce((a, b) => a + b, 0));
  });
});
