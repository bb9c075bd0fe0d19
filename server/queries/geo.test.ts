import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { blankEvent, buildFixture, FIXTURE_PLACES, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { geoBreakdownInput } from '../trpc/routers/geo.ts';
import { reportScope } from './fragments/report-scope.ts';
import { getGeoBreakdown, type GeoRow } from './geo-breakdown.ts';
import { pageSource, sourceName } from '../sources/source-name.ts';
import type { GeoDrill } from '../contract/geo.ts';
import { testStore } from '../testing/test-store.ts';

// The geography breakdown against the embedded engine, compared with rows computed here in
// plain TypeScript from the same fixture (never with the SQL under test).
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();
const all = buildFixture(NOW).events;
const A = FIXTURE_SITES.a;
const B = FIXTURE_SITES.b;
// A third site with unresolved places, so fixture-a's numbers stay the fixture's own.
const UNKNOWN_SITE = 'geo-unknown';
const unknownRows: EventRow[] = [
  { country: 'CN', region: '', city: '', visitor: 'u1' },
  { country: 'CN', region: '', city: '', visitor: 'u2' },
  { country: 'CN', region: 'GD', city: 'Guangzhou', visitor: 'u3' },
  { country: 'CN', region: 'GD', city: '', visitor: 'u4' },
  { country: '', region: '', city: '', visitor: 'u5' },
].flatMap((p, i) => {
  const base = {
    site_id: UNKNOWN_SITE,
    visitor_id: p.visitor,
    session_id: `s-${p.visitor}`,
    country: p.country,
    region: p.region,
    city: p.city,
  };
  const view = blankEvent({ ...base, ts: NOW - 3_600_000 + i * 1000, type: 'pageview' });
  // u3 orders twice and u4 once in another currency: conversion counts buyers, so u3 counts
  // once, and revenue is kept per currency.
  const orders =
    p.visitor === 'u3'
      ? [1, 2].map((n) =>
          blankEvent({
            ...base,
            ts: view.ts + n * 60_000,
            type: 'order',
            order_id: `uo-${n}`,
            revenue: 50 * n,
            currency: 'CNY',
          }),
        )
      : p.visitor === 'u4'
        ? [
            blankEvent({
              ...base,
              ts: view.ts + 60_000,
              type: 'order',
              order_id: 'uo-usd',
              revenue: 20.5,
              currency: 'USD',
            }),
          ]
        : [];
  return [view, ...orders];
});
// u6 only ordered (through the orders API, no page view, in a session of its own): still a
// visitor and a session of the US. The countries' rollup leaves orders out; the order events count.
unknownRows.push(
  blankEvent({
    site_id: UNKNOWN_SITE,
    visitor_id: 'u6',
    session_id: 's-u6',
    country: 'US',
    ts: NOW - 1_800_000,
    type: 'order',
    order_id: 'uo-only',
    revenue: 9,
    currency: 'USD',
  }),
);

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await clickHouseInsert(ch)(TABLES.events, unknownRows);
});
afterAll(() => ch.close());

/** The session-level filter semantics of report-scope.ts, restated. */
function scoped(siteId: string, from: number, to: number, f: ReportFilters): EventRow[] {
  const inRange = all.concat(unknownRows).filter((e) => e.site_id === siteId && e.ts >= from && e.ts < to);
  // A session's entry is its first page view ever; it counts when the session viewed a page in the range.
  const entry = new Map<string, EventRow>();
  for (const e of all.concat(unknownRows))
    if (e.type === 'pageview' && (entry.get(e.session_id)?.ts ?? Infinity) > e.ts) entry.set(e.session_id, e);
  const active = new Set(inRange.filter((e) => e.type === 'pageview').map((e) => e.session_id));
  const viewed = (session: string, path: string) =>
    inRange.some((x) => x.session_id === session && x.type === 'pageview' && x.path === path);
  // Sources by name (server/sources, unit-tested there): the fixture's Baidu comes three ways.
  const source = (e: EventRow) => pageSource(e.utm_source, e.referrer_domain);
  return inRange.filter((e) => {
    const first = active.has(e.session_id) ? entry.get(e.session_id) : undefined;
    if (f.country && e.country !== f.country) return false;
    if (f.device && e.device !== f.device) return false;
    if (f.source && (!first || source(first) !== sourceName(f.source))) return false;
    if (f.campaign && (!first || first.utm_campaign !== f.campaign)) return false;
    return !f.page || viewed(e.session_id, f.page);
  });
}

/** The breakdown restated: group, count, most visitors first, then by place (byte order). */
function expectedRows(rows: EventRow[], drill: GeoDrill): GeoRow[] {
  const inside = rows.filter(
    (e) =>
      drill.level === 'country' ||
      (e.country === drill.country && (drill.level === 'region' || e.region === drill.region)),
  );
  const groups = new Map<string, EventRow[]>();
  for (const e of inside) groups.set(e[drill.level], [...(groups.get(e[drill.level]) ?? []), e]);
  const count = (g: EventRow[], type: string) => g.filter((e) => e.type === type).length;
  return [...groups]
    .map(([place, g]) => {
      const visitors = new Set(g.map((e) => e.visitor_id)).size;
      const orders = count(g, 'order');
      return {
        place,
        visitors,
        sessions: new Set(g.map((e) => e.session_id)).size,
        pageviews: count(g, 'pageview'),
        chats: count(g, 'chat_started'),
        leads: count(g, 'lead_created'),
        orders,
        revenue: [...new Set(g.filter((e) => e.type === 'order').map((e) => e.currency))].sort().map((currency) => ({
          currency,
          value:
            Math.round(
              g.filter((e) => e.type === 'order' && e.currency === currency).reduce((s, e) => s + e.revenue, 0) * 100,
            ) / 100,
        })),
        conversion: new Set(g.filter((e) => e.type === 'order').map((e) => e.visitor_id)).size / visitors,
      };
    })
    .sort((a, b) => b.visitors - a.visitors || (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
}

const DRILLS: GeoDrill[] = [
  { level: 'country' },
  { level: 'region', country: 'CN' },
  { level: 'city', country: 'CN', region: 'GD' },
  { level: 'city', country: 'US', region: 'CA' },
];
const FILTERS: [string, ReportFilters][] = [
  ['no filter', {}],
  ['country', { country: 'CN' }],
  ['source', { source: 'baidu' }],
  ['device', { device: 'mobile' }],
  ['page', { page: '/pricing' }],
];

describe.each(FILTERS)('geo breakdown with %s', (_name, filters) => {
  for (const preset of ['7d', '90d'] as const) {
    it(`matches the fixture at every level over ${preset}`, async () => {
      const range = resolveRange({ preset }, A.timeZone, NOW);
      const rows = scoped(A.id, range.from, range.to, filters);
      for (const drill of DRILLS) {
        const got = await getGeoBreakdown(ch, reportScope(A.id, range.from, range.to, filters), drill);
        expect({ drill, got }).toEqual({ drill, got: expectedRows(rows, drill) });
      }
    });
  }
});

describe('geo breakdown', () => {
  it('sees every fixture place, with orders and revenue where the fixture put them', async () => {
    const range = resolveRange({ preset: '90d' }, A.timeZone, NOW);
    const countries = await getGeoBreakdown(ch, reportScope(A.id, range.from, range.to, {}), { level: 'country' });
    expect(new Set(countries.map((r) => r.place))).toEqual(new Set(FIXTURE_PLACES.map((p) => p.country)));
    // Guards the comparison above against a vacuous fixture: orders only come from i % 10 === 0, all in CN/GD.
    expect(countries.find((r) => r.place === 'CN')?.orders).toBeGreaterThan(0);
    expect(countries.find((r) => r.place === 'CN')?.revenue[0]?.value).toBeGreaterThan(0);
  });

  it('never mixes in another site', async () => {
    const range = resolveRange({ preset: '90d' }, B.timeZone, NOW);
    const got = await getGeoBreakdown(ch, reportScope(B.id, range.from, range.to, {}), { level: 'country' });
    expect(got).toEqual(expectedRows(scoped(B.id, range.from, range.to, {}), { level: 'country' }));
    const a = await getGeoBreakdown(ch, reportScope(A.id, range.from, range.to, {}), { level: 'country' });
    const aVisitors = a.reduce((s, r) => s + r.visitors, 0);
    expect(aVisitors).toBe(new Set(all.filter((e) => e.site_id === A.id).map((e) => e.visitor_id)).size);
  });

  it('treats an unresolved place as a value of its own when drilling', async () => {
    const scope = reportScope(UNKNOWN_SITE, NOW - 86_400_000, NOW, {});
    const rows = scoped(UNKNOWN_SITE, NOW - 86_400_000, NOW, {});
    expect(
      (await getGeoBreakdown(ch, scope, { level: 'country' })).map((r) => [
        r.place,
        r.visitors,
        r.orders,
        r.conversion,
      ]),
    ).toEqual([
      ['CN', 4, 3, 0.5],
      ['', 1, 0, 0],
      ['US', 1, 1, 1],
    ]);
    expect(await getGeoBreakdown(ch, scope, { level: 'country' })).toEqual(expectedRows(rows, { level: 'country' }));
    expect((await getGeoBreakdown(ch, scope, { level: 'country' }))[0]?.revenue).toEqual([
      { currency: 'CNY', value: 150 },
      { currency: 'USD', value: 20.5 },
    ]);
    expect((await getGeoBreakdown(ch, scope, { level: 'region', country: 'CN' })).map((r) => r.place)).toEqual([
      '',
      'GD',
    ]);
    // The unknown region's cities are those events' cities, not every city of the country.
    const unknownRegion: GeoDrill = { level: 'city', country: 'CN', region: '' };
    expect(await getGeoBreakdown(ch, scope, unknownRegion)).toEqual(expectedRows(rows, unknownRegion));
    expect((await getGeoBreakdown(ch, scope, unknownRegion)).map((r) => [r.place, r.visitors])).toEqual([['', 2]]);
    expect(
      (await getGeoBreakdown(ch, scope, { level: 'city', country: 'CN', region: 'GD' })).map((r) => r.place),
    ).toEqual(['', 'Guangzhou']);
  });
});

describe('geo breakdown input', () => {
  const base = { range: { preset: '30d' } };
  it('needs the country to list regions, and country and region to list cities', () => {
    expect(geoBreakdownInput.safeParse({ ...base, level: 'country' }).success).toBe(true);
    expect(geoBreakdownInput.safeParse({ ...base, level: 'region' }).success).toBe(false);
    expect(geoBreakdownInput.safeParse({ ...base, level: 'region', country: 'cn' }).success).toBe(false);
    expect(geoBreakdownInput.safeParse({ ...base, level: 'city', country: 'CN' }).success).toBe(false);
    expect(geoBreakdownInput.safeParse({ ...base, level: 'city', country: 'CN', region: '' }).success).toBe(true);
    expect(geoBreakdownInput.safeParse({ ...base, level: 'street' }).success).toBe(false);
  });
});
