import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { pageViewOrder } from '../testing/page-view-order.ts';
import { reportScope } from './fragments/report-scope.ts';
import { getJourneyNeighbours } from './journey-neighbours.ts';
import { getJourneyPaths } from './journey-paths.ts';
import { testStore } from '../testing/test-store.ts';

// Journeys against the embedded engine, compared with neighbours and runs counted here in
// plain TypeScript from the fixture rows (never with the SQL under test).
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();
const site = FIXTURE_SITES.a;
const MINUTE = 60_000;

// The fixture's trails never repeat a page: these sessions reload a page (a consecutive
// repeat, counted once), come back to one (/pricing twice from two pages) and tie on time
// (the path's hash decides: PAGE_VIEW), so the journey rules are all exercised.
const EXTRA_TRAILS = [
  ['/', '/', '/pricing', '/products', '/pricing', '/contact'],
  ['/pricing', '/pricing', '/pricing'],
  ['/products', '/pricing', '/', '/pricing', '/products', '/pricing'],
  ['/', '/products', '/products/tea-set', '/cart', '/checkout'],
];
function extraRows(): EventRow[] {
  let seq = 0;
  return EXTRA_TRAILS.flatMap((trail, s) =>
    trail.map((path, k) =>
      blankEvent({
        site_id: site.id,
        // The third session's first two views share one instant: their paths' hashes order them.
        ts: NOW - (s + 1) * 7 * 3_600_000 + (s === 2 && k < 2 ? 0 : k) * MINUTE,
        type: 'pageview',
        event_id: `00000000-0000-4000-a000-${String(++seq).padStart(12, '0')}`,
        visitor_id: `jv-${s}`,
        session_id: `js-${s}`,
        // A country the fixture has not: filtering on it leaves these sessions alone.
        country: 'JP',
        path,
        url: path,
      }),
    ),
  );
}
const extra = extraRows();
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

/** Each session's pages in time order (then path hash), consecutive repeats dropped. */
function paths(from: number, to: number, f: ReportFilters): string[][] {
  const views = all.filter(
    (e) =>
      e.site_id === site.id &&
      e.type === 'pageview' &&
      e.ts >= from &&
      e.ts < to &&
      (!f.country || e.country === f.country),
  );
  const bySession = new Map<string, EventRow[]>();
  for (const e of views) bySession.set(e.session_id, [...(bySession.get(e.session_id) ?? []), e]);
  const out: string[][] = [];
  for (const list of bySession.values()) {
    const sorted = [...list].sort(viewOrder);
    const path: string[] = [];
    for (const e of sorted) if (path.at(-1) !== e.path) path.push(e.path);
    if (!f.page || path.includes(f.page)) out.push(path);
  }
  return out;
}

const tally = (keys: string[][]) => {
  const m = new Map<string, number>();
  for (const k of keys) for (const key of new Set(k)) m.set(key, (m.get(key) ?? 0) + 1);
  return m;
};
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

const CASES: [string, ReportFilters][] = [
  ['no filter', {}],
  ['country', { country: 'CN' }],
  ['page', { page: '/products' }],
];

describe.each(CASES)('journeys with %s', (_name, filters) => {
  const range = resolveRange({ preset: '7d' }, site.timeZone, NOW);
  const scope = reportScope(site.id, range.from, range.to, filters);
  // A scope the session rollup cannot serve (as with a tag filter): the same answers from the events.
  const sources = [scope, { ...scope, sessionKeyFilters: null }];

  it.each(['/pricing', '/products', '/'])('neighbours of %s', async (page) => {
    const withPage = paths(range.from, range.to, filters).filter((p) => p.includes(page));
    const side = (at: (p: string[], i: number) => string) =>
      tally(withPage.map((p) => p.flatMap((x, i) => (x === page ? [at(p, i)] : []))));
    const before = side((p, i) => (i === 0 ? '(entrance)' : p[i - 1]!));
    const after = side((p, i) => (i === p.length - 1 ? '(exit)' : p[i + 1]!));
    expect(withPage.length).toBeGreaterThan(1);

    for (const source of sources) {
      const got = await getJourneyNeighbours(ch, source, page);
      expect(got.sessions).toBe(withPage.length);
      const named = (s: 'before' | 'after', edge: string) =>
        new Map(got.rows.filter((r) => r.side === s).map((r) => [r.path ?? edge, r.sessions]));
      expect(sorted(named('before', '(entrance)'))).toEqual(sorted(before));
      expect(sorted(named('after', '(exit)'))).toEqual(sorted(after));
    }
  });

  it.each([3, 4, 5] as const)('top runs of %i pages', async (steps) => {
    const sessions = paths(range.from, range.to, filters);
    const runs = tally(
      sessions.map((p) =>
        Array.from({ length: Math.max(0, p.length - steps + 1) }, (_, i) => p.slice(i, i + steps).join(' → ')),
      ),
    );
    for (const source of sources) {
      const got = await getJourneyPaths(ch, source, steps);
      expect(got.sessions).toBe(sessions.length);
      expect(got.rows.map((r) => [r.steps.join(' → '), r.sessions])).toEqual(sorted(runs).map(([k, n]) => [k, n]));
      // Busiest first.
      expect(got.rows.map((r) => r.sessions)).toEqual([...got.rows.map((r) => r.sessions)].sort((a, b) => b - a));
    }
  });
});

describe('journeys of the extra sessions, counted by hand', () => {
  const range = resolveRange({ preset: '7d' }, site.timeZone, NOW);
  const scope = reportScope(site.id, range.from, range.to, { country: 'JP' });
  // Their paths, reloads folded and the tie ordered by path hash (cityHash64('/products') is the lesser):
  //   js-0  /  /pricing  /products  /pricing  /contact
  //   js-1  /pricing
  //   js-2  /products  /pricing  /  /pricing  /products  /pricing
  //   js-3  /  /products  /products/tea-set  /cart  /checkout
  const by = <T extends { sessions: number }>(rows: T[], key: (r: T) => string) =>
    Object.fromEntries(rows.map((r) => [key(r), r.sessions]));

  it('neighbours of /pricing: each session once per neighbour', async () => {
    const got = await getJourneyNeighbours(ch, scope, '/pricing');
    expect(got.sessions).toBe(3);
    const side = (s: 'before' | 'after') =>
      by(
        got.rows.filter((r) => r.side === s),
        (r) => r.path ?? '-',
      );
    expect(side('before')).toEqual({ '/': 2, '/products': 2, '-': 1 });
    expect(side('after')).toEqual({ '/products': 2, '-': 2, '/contact': 1, '/': 1 });
  });

  it('runs of 3 and of 5 pages', async () => {
    const three = await getJourneyPaths(ch, scope, 3);
    expect(three.sessions).toBe(4);
    expect(three.rows.slice(0, 2)).toEqual([
      { steps: ['/', '/pricing', '/products'], sessions: 2 },
      { steps: ['/pricing', '/products', '/pricing'], sessions: 2 },
    ]);
    expect(three.rows).toHaveLength(8);
    expect(three.rows.slice(2).every((r) => r.sessions === 1)).toBe(true);
    const five = await getJourneyPaths(ch, scope, 5);
    expect(by(five.rows, (r) => r.steps.join(' '))).toEqual({
      '/ /pricing /products /pricing /contact': 1,
      '/products /pricing / /pricing /products': 1,
      '/pricing / /pricing /products /pricing': 1,
      '/ /products /products/tea-set /cart /checkout': 1,
    });
  });
});
