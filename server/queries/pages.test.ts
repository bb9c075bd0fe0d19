import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { pageViewOrder } from '../testing/page-view-order.ts';
import { getEntryExitPairs } from './entry-exit-pairs.ts';
import { getExitPages } from './exit-pages.ts';
import { reportScope } from './fragments/report-scope.ts';
import { getOutboundLinks } from './outbound-links.ts';
import { getPageEngagement } from './page-engagement.ts';
import { testStore } from '../testing/test-store.ts';

// Time on page and scroll depth, exits, entry → exit pairs and outbound clicks against the embedded engine, compared with
// figures computed here in plain TypeScript from the fixture rows.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();
const site = FIXTURE_SITES.a;
const HOUR = 3_600_000;

// The fixture has no outbound clicks: every third visitor clicks one or two, on site a and b.
const OUTBOUND_TARGETS = [
  'https://www.example.org/a',
  'https://example.org/b?x=1',
  'https://docs.tea.example/brew',
  'https://www.example.org/a',
];
function outboundRows(): EventRow[] {
  const rows: EventRow[] = [];
  for (let i = 0; i < 60; i += 3) {
    const clicks = i % 2 === 0 ? 2 : 1;
    for (let k = 0; k < clicks; k++)
      rows.push(
        blankEvent({
          site_id: i % 9 === 0 ? FIXTURE_SITES.b.id : site.id,
          ts: NOW - (i + 1) * 5 * HOUR - k * 60_000,
          type: 'outbound',
          event_id: `00000000-0000-4000-9000-${String(i * 10 + k).padStart(12, '0')}`,
          visitor_id: `fv-${String(i).padStart(4, '0')}`,
          session_id: `fo-${i}`,
          country: i % 2 === 0 ? 'CN' : 'US',
          path: '/products',
          url: '/products',
          target: OUTBOUND_TARGETS[(i + k) % OUTBOUND_TARGETS.length]!,
        }),
      );
  }
  return rows;
}
// Page views at the same millisecond sort by their path's cityHash64 (PAGE_VIEW): two tied pairs
// of one session, in different quarter hours, so its entry and exit are decided by the tie.
function tiedViews(): EventRow[] {
  const view = (ts: number, path: string, event_id: string) =>
    blankEvent({
      site_id: site.id,
      ts,
      type: 'pageview',
      event_id,
      visitor_id: 'tv-1',
      session_id: 'tie-1',
      country: 'CN',
      path,
      url: path,
    });
  const t = NOW - 2 * HOUR;
  return [
    view(t, '/c', 'f0000000-0000-4000-8000-000000000001'),
    view(t, '/d', '00000000-0000-4000-8000-000000000002'),
    view(t + 20 * 60_000, '/b', '10000000-0000-4000-8000-000000000002'),
    view(t + 20 * 60_000, '/a', 'a0000000-0000-4000-8000-000000000001'),
  ];
}
// A reload: one session views /pricing twice, so a path's page views are not its sessions.
function reloadedViews(): EventRow[] {
  const t = NOW - 3 * HOUR;
  return ['/pricing', '/pricing', '/a'].map((path, i) =>
    blankEvent({
      site_id: site.id,
      ts: t + i * 30_000,
      type: 'pageview',
      event_id: `20000000-0000-4000-8000-00000000000${i}`,
      visitor_id: 'rv-1',
      session_id: 'reload-1',
      country: 'CN',
      path,
      url: path,
    }),
  );
}
const extra = [...outboundRows(), ...tiedViews(), ...reloadedViews()];
const all = [...buildFixture(NOW).events, ...extra];

let viewOrder: Awaited<ReturnType<typeof pageViewOrder>>;

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await clickHouseInsert(ch)(TABLES.events, extra);
  viewOrder = await pageViewOrder(
    ch,
    all.map((e) => e.path),
  );
});
afterAll(() => ch.close());

function inScope(from: number, to: number, f: ReportFilters): EventRow[] {
  const rows = all.filter((e) => e.site_id === site.id && e.ts >= from && e.ts < to);
  const country = rows.filter((e) => !f.country || e.country === f.country);
  if (!f.page) return country;
  const viewed = new Set(country.filter((e) => e.type === 'pageview' && e.path === f.page).map((e) => e.session_id));
  return country.filter((e) => viewed.has(e.session_id));
}

/** Each session's first and last page view, by time then path hash. */
function sessionEnds(rows: EventRow[]) {
  const views = new Map<string, EventRow[]>();
  for (const e of rows.filter((r) => r.type === 'pageview'))
    views.set(e.session_id, [...(views.get(e.session_id) ?? []), e]);
  return [...views.values()].map((v) => {
    const sorted = v.sort(viewOrder);
    return { first: sorted[0]!, last: sorted.at(-1)! };
  });
}

const sortRows = <T extends object>(rows: T[], key: (r: T) => string) =>
  [...rows].sort((a, b) => key(a).localeCompare(key(b)));

const CASES: [string, ReportFilters][] = [
  ['no filter', {}],
  ['country', { country: 'CN' }],
  ['page', { page: '/pricing' }],
];

describe.each(CASES)('pages with %s', (_name, filters) => {
  const range = resolveRange({ preset: '7d' }, site.timeZone, NOW);
  const scope = reportScope(site.id, range.from, range.to, filters);
  const rows = inScope(range.from, range.to, filters);
  // A scope the session rollup cannot serve (as with a tag filter): the same figures from the events.
  const fromEvents = { ...scope, sessionKeyFilters: null };

  it('exit pages: sessions leaving from each path, its visitors and its page views', async () => {
    const ends = sessionEnds(rows);
    const paths = new Set(ends.map((s) => s.last.path));
    const want = [...paths].map((value) => {
      const leaving = ends.filter((s) => s.last.path === value);
      return {
        value,
        exits: leaving.length,
        visitors: new Set(leaving.map((s) => s.last.visitor_id)).size,
        pageviews: rows.filter((e) => e.type === 'pageview' && e.path === value).length,
      };
    });
    expect(want.length).toBeGreaterThan(1);
    for (const source of [scope, fromEvents]) {
      const got = await getExitPages(ch, source);
      expect(sortRows(got, (r) => r.value)).toEqual(sortRows(want, (r) => r.value));
      // Busiest exit first.
      expect(got.map((r) => r.exits)).toEqual([...got.map((r) => r.exits)].sort((a, b) => b - a));
    }
  });

  it('entry → exit pairs', async () => {
    const ends = sessionEnds(rows);
    const pairs = new Map<string, { first: EventRow; last: EventRow }[]>();
    for (const s of ends)
      pairs.set(`${s.first.path}→${s.last.path}`, [...(pairs.get(`${s.first.path}→${s.last.path}`) ?? []), s]);
    const want = [...pairs].map(([key, list]) => ({
      entry: key.split('→')[0]!,
      exit: key.split('→')[1]!,
      sessions: list.length,
      visitors: new Set(list.map((s) => s.first.visitor_id)).size,
    }));
    const key = (r: { entry: string; exit: string }) => `${r.entry}→${r.exit}`;
    for (const source of [scope, fromEvents])
      expect(sortRows(await getEntryExitPairs(ch, source), key)).toEqual(sortRows(want, key));
  });

  it('outbound clicks by domain and by URL', async () => {
    const clicks = rows.filter((e) => e.type === 'outbound');
    const group = (name: (e: EventRow) => string) =>
      [...new Set(clicks.map(name))].map((value) => {
        const mine = clicks.filter((e) => name(e) === value);
        return { value, clicks: mine.length, visitors: new Set(mine.map((e) => e.visitor_id)).size };
      });
    const host = (e: EventRow) => new URL(e.target).hostname.replace(/^www\./, '');
    const byDomain = await getOutboundLinks(ch, scope, 'domain');
    expect(sortRows(byDomain, (r) => r.value)).toEqual(sortRows(group(host), (r) => r.value));
    const byUrl = await getOutboundLinks(ch, scope, 'url');
    expect(sortRows(byUrl, (r) => r.value)).toEqual(
      sortRows(
        group((e) => e.target),
        (r) => r.value,
      ),
    );
    if (!filters.page) expect(byDomain.length).toBeGreaterThan(0);
  });

  it('time on page and scroll depth per path', async () => {
    const paths = new Set(rows.filter((e) => e.type === 'pageview').map((e) => e.path));
    const want = [...paths].map((value) => {
      const mine = rows.filter((e) => e.path === value);
      const views = mine.filter((e) => e.type === 'pageview');
      const engaged = mine.filter((e) => e.type === 'engagement');
      // Each session's deepest point on the path, averaged over the sessions that sent one.
      const deepest = new Map<string, number>();
      for (const e of engaged)
        if (e.scroll_pct > 0) deepest.set(e.session_id, Math.max(deepest.get(e.session_id) ?? 0, e.scroll_pct));
      const depths = [...deepest.values()];
      return {
        value,
        pageviews: views.length,
        visitors: new Set(views.map((e) => e.visitor_id)).size,
        avgTimeMs: engaged.reduce((sum, e) => sum + e.engaged_ms, 0) / views.length,
        scrollPct: depths.length ? depths.reduce((a, b) => a + b, 0) / depths.length : 0,
      };
    });
    expect(want.some((r) => r.scrollPct > 0 && r.avgTimeMs > 0)).toBe(true);
    const got = await getPageEngagement(ch, scope);
    const round = (r: (typeof want)[number]) => ({
      ...r,
      avgTimeMs: Math.round(r.avgTimeMs),
      scrollPct: Math.round(r.scrollPct * 1000),
    });
    expect(sortRows(got, (r) => r.value).map(round)).toEqual(sortRows(want, (r) => r.value).map(round));
    // Most viewed first.
    expect(got.map((r) => r.pageviews)).toEqual([...got.map((r) => r.pageviews)].sort((a, b) => b - a));
  });
});
