import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { getRetentionCohorts, type RetentionPeriod } from './retention-cohorts.ts';
import { testStore } from '../testing/test-store.ts';

// Cohorts against the embedded engine, compared with cohorts computed here from the rows
// with Intl (the site's local calendar), never with the SQL under test.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const DAY = 86_400_000;
const ch = testStore();
const site = FIXTURE_SITES.a;

// The fixture spans 14 days; these visitors add returns over ten weeks (every third fixture
// visitor comes back k weeks after their first visit, k = 1 + i % 5) and repeat orders.
function returns(): EventRow[] {
  const first = new Map<string, number>();
  for (const e of buildFixture(NOW).events)
    if (e.site_id === site.id && e.type === 'pageview' && (first.get(e.visitor_id) ?? Infinity) > e.ts)
      first.set(e.visitor_id, e.ts);
  const rows: EventRow[] = [];
  let n = 0;
  for (const [visitor, ts] of first) {
    const i = Number(visitor.slice(3));
    if (i % 3 !== 0) continue;
    const base = { site_id: site.id, visitor_id: visitor, session_id: `fr-${i}`, path: '/', url: '/' };
    const id = () => `00000000-0000-4000-a000-${String(++n).padStart(12, '0')}`;
    // Returns are placed in the past only: the fixture's "now" is in 2026 and so is ts.
    const back = ts - 70 * DAY;
    rows.push(blankEvent({ ...base, ts: back, type: 'pageview', event_id: id() }));
    rows.push(blankEvent({ ...base, ts: back + (1 + (i % 5)) * 7 * DAY, type: 'pageview', event_id: id() }));
    if (i % 2 === 0) {
      rows.push(
        blankEvent({
          ...base,
          ts: back + DAY,
          type: 'order',
          event_id: id(),
          order_id: `ro-${i}-1`,
          revenue: 10,
          currency: 'USD',
        }),
      );
      rows.push(
        blankEvent({
          ...base,
          ts: back + 40 * DAY,
          type: 'order',
          event_id: id(),
          order_id: `ro-${i}-2`,
          revenue: 10,
          currency: 'USD',
        }),
      );
    }
  }
  return rows;
}
const extra = returns();
const all = [...buildFixture(NOW).events, ...extra].filter((e) => e.site_id === site.id);

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await clickHouseInsert(ch)(TABLES.events, extra);
});
afterAll(() => ch.close());

/** The local date of an instant, and the first day of its week (Monday) or month, as YYYY-MM-DD. */
function periodStart(ts: number, period: RetentionPeriod): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: site.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ts);
  if (period === 'month') return `${local.slice(0, 7)}-01`;
  const d = new Date(`${local}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY).toISOString().slice(0, 10);
}
function periodsBetween(a: string, b: string, period: RetentionPeriod): number {
  if (period === 'week') return Math.round((Date.parse(b) - Date.parse(a)) / (7 * DAY));
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

function expected(rows: EventRow[], from: number, to: number, period: RetentionPeriod) {
  const first = new Map<string, number>();
  for (const e of rows) if ((first.get(e.visitor_id) ?? Infinity) > e.ts) first.set(e.visitor_id, e.ts);
  const cells = new Map<string, Set<string>>();
  for (const e of rows) {
    const f = first.get(e.visitor_id)!;
    if (f < from || f >= to || e.ts < from) continue;
    const cohort = periodStart(f, period);
    const key = `${cohort}|${periodsBetween(cohort, periodStart(e.ts, period), period)}`;
    cells.set(key, (cells.get(key) ?? new Set()).add(e.visitor_id));
  }
  return [...cells]
    .map(([key, set]) => ({ cohort: key.split('|')[0]!, period: Number(key.split('|')[1]), visitors: set.size }))
    .sort((a, b) => a.cohort.localeCompare(b.cohort) || a.period - b.period);
}

describe.each(['week', 'month'] as const)('retention by %s', (period) => {
  const from = NOW - 100 * DAY;
  const params = { siteId: site.id, from, to: NOW, timeZone: site.timeZone };

  it('visitors: cohorts of first visit and how many came back in each later period', async () => {
    const want = expected(
      all.filter((e) => e.type === 'pageview'),
      from,
      NOW,
      period,
    );
    expect(want.filter((c) => c.period > 0).length).toBeGreaterThan(2);
    expect(await getRetentionCohorts(ch, params, period, 'visitors')).toEqual(want);
  });

  it('buyers: cohorts of first order and how many ordered again', async () => {
    const want = expected(
      all.filter((e) => e.type === 'order'),
      from,
      NOW,
      period,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(await getRetentionCohorts(ch, params, period, 'buyers')).toEqual(want);
  });

  // Over 63 periods from the range's first to now, the cohorts are counted another way (arrays, not bits).
  it('a range that starts six years back: the same cells', async () => {
    const early = { ...params, from: NOW - 6 * 365 * DAY };
    const want = expected(
      all.filter((e) => e.type === 'pageview'),
      early.from,
      NOW,
      period,
    );
    expect(want.filter((c) => c.period > 0).length).toBeGreaterThan(2);
    expect(await getRetentionCohorts(ch, early, period, 'visitors')).toEqual(want);
  });

  it('a cohort starts only with a first visit inside the range', async () => {
    const late = { ...params, from: NOW - 20 * DAY };
    const want = expected(
      all.filter((e) => e.type === 'pageview'),
      late.from,
      NOW,
      period,
    );
    expect(await getRetentionCohorts(ch, late, period, 'visitors')).toEqual(want);
  });
});

// The rollup the visitors' cohorts read (migration 0042) is filled by a view at each insert: a
// visitor's page views arriving over several inserts, latest first, and one insert loaded twice,
// must give the figures of the rows themselves.
describe('retention over page views that arrive in several inserts', () => {
  const siteId = 'retention-batches';
  const rows: EventRow[] = [];
  let n = 0;
  for (let v = 0; v < 12; v++)
    for (let k = 0; k < 4; k++)
      rows.push(
        blankEvent({
          site_id: siteId,
          visitor_id: `rb-${v}`,
          session_id: `rb-${v}-${k}`,
          type: 'pageview',
          path: '/',
          url: '/',
          // Visitor v's visits: 50 + 3v days back, then every (1 + v % 4) weeks, a few hours earlier.
          ts: NOW - (50 + 3 * v) * DAY + k * (1 + (v % 4)) * 7 * DAY - (k === 0 ? 0 : 3 * 3600_000),
          event_id: `00000000-0000-4000-b000-${String(++n).padStart(12, '0')}`,
        }),
      );
  const pageviews = rows.filter((r) => r.ts <= NOW);
  const batches = [3, 2, 1, 0].map((k) => pageviews.filter((_, i) => i % 4 === k));
  // One and two minutes after each first visit, in its quarter hour, sent before and after it:
  // the quarter's row must keep the earliest time whatever the order of arrival.
  const later = (minutes: number) =>
    pageviews
      .filter((r) => r.session_id.endsWith('-0'))
      .map((r) => ({
        ...r,
        ts: r.ts + minutes * 60_000,
        event_id: `00000000-0000-4000-b000-${String(++n).padStart(12, '0')}`,
      }));
  const [before, after] = [later(1), later(2)];
  batches.unshift(before);
  batches.push(after);
  pageviews.push(...before, ...after);

  beforeAll(async () => {
    for (const batch of batches) await clickHouseInsert(ch)(TABLES.events, batch);
    // The same rows again, as a journal replay would send them: still one visitor each.
    await clickHouseInsert(ch)(TABLES.events, batches[0]!);
  });

  it.each(['week', 'month'] as const)('cohorts by %s equal those computed from the rows', async (period) => {
    // Half a minute after rb-9's first visit: rb-9 is out only if its quarter keeps the earliest time.
    const from = NOW - 77 * DAY + 30_000;
    const to = NOW - 20 * DAY;
    const want = expected(pageviews, from, to, period);
    expect(want.some((c) => c.period > 0)).toBe(true);
    const cohorts = () => getRetentionCohorts(ch, { siteId, from, to, timeZone: site.timeZone }, period, 'visitors');
    expect(await cohorts()).toEqual(want);
    // And once the inserts' parts are merged into one row per visitor and quarter.
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.visitorViewQuarters} FINAL` });
    expect(await cohorts()).toEqual(want);
  });
});
