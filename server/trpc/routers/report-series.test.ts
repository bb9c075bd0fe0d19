import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../../clickhouse/rows.ts';
import { migrate } from '../../../clickhouse/migrate.ts';
import { TABLES } from '../../../clickhouse/tables.ts';
import { clickHouseInsert } from '../../ingest/clickhouse-insert.ts';
import { compareWindow } from '../../reports/compare-window.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { saveSite } from '../../sites/site-service.ts';
import { blankEvent } from '../../testing/fixture.ts';
import { adminCaller } from '../../testing/admin-caller.ts';
import { testStore } from '../../testing/test-store.ts';

// The Overview chart through the router against the embedded engine, in a zone with summer
// time (Berlin changes on 29 March 2026): buckets are named by their local start, weeks by
// Monday, months by the 1st; figures are counted here from the inserted rows by local date.
const SITE = 'series-berlin';
const TZ = 'Europe/Berlin';
const ch = testStore();
const caller = adminCaller(ch);

const localDate = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: TZ }).slice(0, 10);
const localTime = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: TZ }).slice(11);
const monday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const KEY = { day: (d: string) => d, week: monday, month: (d: string) => `${d.slice(0, 7)}-01` };

/** Every day of [first, last]: visitors, each with a page view or two; every 3rd a chat, 5th a lead, 7th an order. */
function rows(first: string, last: string, seed: number): EventRow[] {
  const out: EventRow[] = [];
  let n = 0;
  for (let t = Date.parse(`${first}T11:00:00Z`); t <= Date.parse(`${last}T11:00:00Z`); t += 86_400_000) {
    const visitors = ((t / 86_400_000 + seed) % 4) + 1;
    for (let v = 0; v < visitors; v++) {
      const base = { site_id: SITE, visitor_id: `v-${seed}-${n % 23}`, session_id: `s-${seed}-${n}` };
      // 22:30 UTC is the next local day in Berlin: the local date decides the bucket.
      const ts = t + (v % 2 ? 0 : 11.5 * 3_600_000);
      out.push(blankEvent({ ...base, ts, type: 'pageview' }));
      if (n % 2) out.push(blankEvent({ ...base, ts: ts + 1000, type: 'pageview', path: '/b', url: '/b' }));
      if (n % 3 === 0) out.push(blankEvent({ ...base, ts: ts + 2000, type: 'chat_started' }));
      if (n % 5 === 0) out.push(blankEvent({ ...base, ts: ts + 3000, type: 'lead_created' }));
      if (n % 7 === 0)
        out.push(
          blankEvent({
            ...base,
            ts: ts + 4000,
            type: 'order',
            revenue: 10,
            currency: 'EUR',
            order_id: `o${seed}-${n}`,
          }),
        );
      n++;
    }
  }
  return out;
}
const NOW_ROWS = rows('2026-01-01', '2026-04-05', 0);
const YEAR_ROWS = rows('2025-01-01', '2025-04-05', 1);

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * What each bucket should hold, from the rows of [from, to); an overlay (`shift` days before
 * the range) is bucketed as the range is, so its week is the range's week moved back.
 */
function expected(all: EventRow[], from: number, to: number, interval: keyof typeof KEY, shift = 0) {
  const out = new Map<
    string,
    { visitors: Set<string>; pageviews: number; chats: number; leads: number; orders: number }
  >();
  for (const e of all.filter((x) => x.ts >= from && x.ts < to)) {
    const key = addDays(KEY[interval](addDays(localDate(e.ts), shift)), -shift);
    const b = out.get(key) ?? { visitors: new Set(), pageviews: 0, chats: 0, leads: 0, orders: 0 };
    b.visitors.add(e.visitor_id);
    if (e.type === 'pageview') b.pageviews++;
    if (e.type === 'chat_started') b.chats++;
    if (e.type === 'lead_created') b.leads++;
    if (e.type === 'order') b.orders++;
    out.set(key, b);
  }
  return [...out].map(([key, b]) => ({ key, ...b, visitors: b.visitors.size }));
}
const named = (
  points: { at: number; visitors: number; pageviews: number; chats: number; leads: number; orders: number }[],
) =>
  points
    .filter((p) => p.visitors > 0)
    .map(({ at, visitors, pageviews, chats, leads, orders }) => ({
      key: localDate(at),
      visitors,
      pageviews,
      chats,
      leads,
      orders,
    }));

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Series', domains: ['series.example'], timeZone: TZ, respectDnt: false });
  await clickHouseInsert(ch)(TABLES.events, [...NOW_ROWS, ...YEAR_ROWS]);
});
afterAll(() => ch.close());

const range = { preset: 'custom' as const, from: '2026-01-05', to: '2026-03-31' };
const base = { siteId: SITE, range, filters: {} };
const resolved = resolveRange(range, TZ);

describe('the traffic chart', () => {
  it.each(['day', 'week', 'month'] as const)('counts per local %s, named by its start', async (interval) => {
    const got = await caller.report.series({ ...base, interval });
    expect(got.interval).toBe(interval);
    expect(got.points.every((p) => localTime(p.at) === '00:00:00')).toBe(true);
    expect(named(got.points)).toEqual(
      expected(NOW_ROWS, resolved.from, resolved.to, interval).sort((a, b) => a.key.localeCompare(b.key)),
    );
    // Every bucket of the range is drawn, the empty ones as zeros.
    const keys = new Set<string>();
    for (let d = Date.parse('2026-01-05'); d <= Date.parse('2026-03-31'); d += 86_400_000)
      keys.add(KEY[interval](new Date(d).toISOString().slice(0, 10)));
    expect(got.points.map((p) => localDate(p.at))).toEqual([...keys]);
  });

  it('overlays the same days a year before, bucket by bucket', async () => {
    const got = await caller.report.series({ ...base, interval: 'week', compare: 'year' });
    const w = compareWindow(resolved, TZ, 'year');
    expect([localDate(w.from), w.shiftDays]).toEqual(['2025-01-05', 365]);
    expect(got.compareWith).toBe('year');
    expect(got.compare).toHaveLength(got.points.length);
    // 5 January 2026 is a Monday; its week a year before starts on Sunday 5 January 2025.
    expect(localDate(got.compare![0]!.at)).toBe('2025-01-05');
    expect(named(got.compare ?? [])).toEqual(
      expected(YEAR_ROWS, w.from, w.until, 'week', 365).sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('overlays the period before with as many buckets', async () => {
    const got = await caller.report.series({ ...base, interval: 'day', compare: 'previous' });
    expect(got.compare).toHaveLength(got.points.length);
    expect(localDate(got.compare![0]!.at)).toBe('2025-10-11');
    expect(named(got.compare ?? [])).toEqual(
      expected(NOW_ROWS, resolved.prevFrom, resolved.prevTo, 'day').sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('falls back from an interval the range cannot take', async () => {
    const got = await caller.report.series({ ...base, interval: 'hour' });
    expect(got.intervals).toEqual(['day', 'week', 'month']);
    expect(got.interval).toBe('day');
    expect(got.compare).toBeNull();
  });

  it('compares 29 February with the 28th a year before', () => {
    const leap = resolveRange({ preset: 'custom', from: '2028-02-01', to: '2028-02-29' }, TZ);
    const w = compareWindow(leap, TZ, 'year');
    expect([localDate(w.from), localDate(w.to - 1), w.days]).toEqual(['2027-02-01', '2027-02-28', 28]);
  });
});
