import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { FunnelDefinitionInput } from '../contract/funnels.ts';
import { funnelDefinition } from '../contract/funnels.ts';
import type { Goal } from '../contract/goals.ts';
import { saveFunnel, saveGoal } from '../goals/goal-service.ts';
import { getCustomEvents } from './custom-events.ts';
import { getCustomFunnel } from './custom-funnel.ts';
import { getEventProps } from './event-props.ts';
import { getGoalBreakdown } from './goal-breakdown.ts';
import { getGoalReport } from './goal-report.ts';
import { reportScope } from './fragments/report-scope.ts';
import { listFunnels } from './list-funnels.ts';
import { listGoals } from './list-goals.ts';
import { testStore } from '../testing/test-store.ts';

// Events, goals and funnels on a fixture whose figures this file counts itself from the
// rows below (plain loops, not SQL), for both funnel window modes.
const ch = testStore();
const SITE = 'goals-fixture';
const DAY0 = Date.UTC(2026, 9, 1);
const H = 3_600_000;
const D = 24 * H;
let seq = 0;

type Ev = EventRow & { ts: number };
function ev(visitor: string, session: number, at: number, over: Partial<EventRow> = {}): Ev {
  seq += 1;
  return blankEvent({
    site_id: SITE,
    ts: DAY0 + at,
    type: 'pageview',
    visitor_id: visitor,
    session_id: `${visitor}-s${session}`,
    event_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    country: visitor === 'v1' || visitor === 'v2' ? 'CN' : 'US',
    ...over,
  });
}
// Page views carry their session's entry source (server/ingest/session-entries.ts).
const SOURCE: Record<string, string> = {
  v1: 'Baidu',
  v2: 'Google',
  v3: 'Baidu',
  v4: 'Google',
  v5: '(direct)',
  v6: 'Bing',
  v9: 'Bing',
};
// A session of its own source (else the visitor's): v9 came back from another one.
const SESSION_SOURCE: Record<string, string> = { 'v9-s2': 'Newsletter' };
const page = (v: string, s: number, at: number, path: string) =>
  ev(v, s, at, {
    path,
    url: `https://shop.test${path}`,
    session_source: SESSION_SOURCE[`${v}-s${s}`] ?? SOURCE[v] ?? '',
  });
const custom = (v: string, s: number, at: number, name: string, props: Record<string, string> = {}) =>
  ev(v, s, at, { type: 'custom', name, props });
const order = (v: string, s: number, at: number, id: string, revenue: number, currency = 'USD') =>
  ev(v, s, at, { type: 'order', order_id: id, revenue, currency });

const ROWS: Ev[] = [
  // v1: one session through pricing → signup(pro) → order.
  page('v1', 1, H, '/'),
  page('v1', 1, H + 60_000, '/pricing'),
  custom('v1', 1, H + 5 * 60_000, 'signup', { plan: 'pro' }),
  order('v1', 1, H + 20 * 60_000, 'o1', 100),
  // v2: pricing and signup(free) in one session, the order two days later in another.
  page('v2', 1, 2 * H, '/pricing'),
  page('v2', 1, 2 * H + 60_000, '/blog/a'),
  custom('v2', 1, 2 * H + 10 * 60_000, 'signup', { plan: 'free' }),
  order('v2', 2, 2 * D + 2 * H, 'o2', 50, 'EUR'),
  // v3: pricing, a download twice.
  page('v3', 1, 3 * H, '/pricing'),
  custom('v3', 1, 3 * H + 60_000, 'download', { file: 'a.pdf' }),
  custom('v3', 1, 3 * H + 120_000, 'download', { file: 'b.pdf' }),
  // v4: an order before anything else, then /Pricing (other case) and signup(pro).
  order('v4', 1, 4 * H, 'o3', 30),
  page('v4', 1, 4 * H + 60_000, '/Pricing'),
  custom('v4', 1, 4 * H + 30 * 60_000, 'signup', { plan: 'pro' }),
  // v5: only a blog post, and a page that merely starts like pricing.
  page('v5', 1, 5 * H, '/blog/b'),
  page('v5', 1, 5 * H + 60_000, '/pricing/old'),
  // v6: pricing on day 0, then nine days later a whole session through the funnel.
  page('v6', 1, 6 * H, '/pricing'),
  page('v6', 2, 9 * D, '/pricing'),
  custom('v6', 2, 9 * D + H, 'signup', { plan: 'pro' }),
  order('v6', 2, 9 * D + 3 * H, 'o4', 80),
  order('v6', 2, 9 * D + 4 * H, 'o5', 20),
  // v7: a download without any page view in the range; v8: only the engagement of a page view before it.
  custom('v7', 1, 7 * H, 'download', { file: 'c.pdf' }),
  ev('v8', 1, 8 * H, { type: 'engagement', engaged_ms: 4000 }),
  // v9: the home page from Bing, then a day later from a newsletter pricing and signup(free).
  page('v9', 1, 9 * H, '/'),
  page('v9', 2, D + 9 * H, '/pricing'),
  custom('v9', 2, D + 9 * H + 60_000, 'signup', { plan: 'free' }),
];
const scope = reportScope(SITE, DAY0, DAY0 + 20 * D, {});

// --- the truth, by hand-written loops over ROWS -------------------------------------------
const visitorsOf = (rows: Ev[]) => new Set(rows.map((r) => r.visitor_id)).size;
const ALL_VISITORS = visitorsOf(ROWS);
/** Whole-path, case-insensitive `*` glob, by recursion (fine for a fixture). */
function glob(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  const p = pattern.toLowerCase();
  if (p === '') return t === '';
  if (p[0] === '*') return [...Array(t.length + 1).keys()].some((i) => glob(t.slice(i), p.slice(1)));
  return t[0] === p[0] && glob(t.slice(1), p.slice(1));
}
type Pred = (r: Ev) => boolean;
const isPage =
  (pattern: string): Pred =>
  (r) =>
    r.type === 'pageview' && glob(r.path, pattern);
const isEvent =
  (name: string, key = '', value = ''): Pred =>
  (r) =>
    r.type === 'custom' && r.name === name && (key === '' || (value === '' ? key in r.props : r.props[key] === value));
const isType =
  (type: string): Pred =>
  (r) =>
    r.type === type;

function goalTruth(pred: Pred) {
  const hits = ROWS.filter(pred);
  const firstAt = new Map<string, number>();
  for (const h of hits) firstAt.set(h.visitor_id, Math.min(firstAt.get(h.visitor_id) ?? Infinity, h.ts));
  const after = ROWS.filter((r) => r.type === 'order' && r.ts > (firstAt.get(r.visitor_id) ?? Infinity));
  const revenue = new Map<string, number>();
  for (const o of after) revenue.set(o.currency, (revenue.get(o.currency) ?? 0) + Number(o.revenue));
  return {
    completions: hits.length,
    visitors: firstAt.size,
    orders: after.length,
    revenue: [...revenue].sort(([a], [b]) => a.localeCompare(b)).map(([currency, value]) => ({ currency, value })),
  };
}

/** Per unit: the best level over every start (windowFunnel), and the greedy chain's times. */
function funnelTruth(preds: Pred[], mode: 'session' | 'days', windowMs: number) {
  const units = new Map<string, Ev[]>();
  for (const r of ROWS) {
    const key = mode === 'session' ? r.session_id : r.visitor_id;
    units.set(key, [...(units.get(key) ?? []), r]);
  }
  const best = new Map<string, { level: number; chain: number[]; rows: Ev[] }>();
  for (const rows of units.values()) {
    const sorted = [...rows].sort((a, b) => a.ts - b.ts);
    let level = 0;
    let chain: number[] = [];
    for (const start of sorted.filter(preds[0]!)) {
      const times = [start.ts];
      for (let k = 1; k < preds.length; k++) {
        const next = sorted.find((r) => r.ts > times[k - 1]! && preds[k]!(r) && r.ts - start.ts <= windowMs);
        if (!next) break;
        times.push(next.ts);
      }
      if (times.length > level) [level, chain] = [times.length, times];
    }
    const v = sorted[0]!.visitor_id;
    const had = best.get(v);
    if (!had || level > had.level) best.set(v, { level, chain, rows: sorted });
  }
  const reached = preds.map((_, i) => [...best.values()].filter((b) => b.level >= i + 1).length);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (s.length === 0) return 0;
    const mid = (s.length - 1) / 2;
    return Math.round((s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2);
  };
  const medianMs = preds
    .slice(1)
    .map((_, i) =>
      median([...best.values()].filter((b) => b.chain.length >= i + 2).map((b) => b.chain[i + 1]! - b.chain[i]!)),
    );
  return { reached, medianMs, best };
}

let goals: Goal[] = [];
beforeAll(async () => {
  await migrate(ch);
  await ch.insert({ table: TABLES.events, values: ROWS, format: 'JSONEachRow' });
  await saveGoal(ch, SITE, { name: 'Pricing', definition: { kind: 'page', pattern: '/pricing' } });
  await saveGoal(ch, SITE, {
    name: 'Pro signup',
    definition: { kind: 'event', eventName: 'signup', propKey: 'plan', propValue: 'pro' },
  });
  await saveGoal(ch, SITE, { name: 'Blog', definition: { kind: 'page', pattern: '/blog/*' } });
  goals = await listGoals(ch, SITE);
});
afterAll(() => ch.close());

describe('the Events screen', () => {
  it('counts every custom event name with events, visitors and the visitors base', async () => {
    const got = await getCustomEvents(ch, scope);
    expect(got.visitors).toBe(ALL_VISITORS);
    const names = [...new Set(ROWS.filter((r) => r.type === 'custom').map((r) => r.name))];
    const want = names.map((name) => {
      const rows = ROWS.filter((r) => r.type === 'custom' && r.name === name);
      return { name, events: rows.length, visitors: visitorsOf(rows) };
    });
    expect([...got.rows].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      want.sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('breaks one event down by its props', async () => {
    const got = await getEventProps(ch, scope, 'signup');
    const counts = new Map<string, { events: number; visitors: Set<string> }>();
    for (const r of ROWS.filter(isEvent('signup')))
      for (const [k, v] of Object.entries(r.props)) {
        const c = counts.get(`${k}=${v}`) ?? { events: 0, visitors: new Set() };
        c.events += 1;
        c.visitors.add(r.visitor_id);
        counts.set(`${k}=${v}`, c);
      }
    expect(Object.fromEntries(got.map((r) => [`${r.key}=${r.value}`, [r.events, r.visitors]]))).toEqual(
      Object.fromEntries([...counts].map(([kv, c]) => [kv, [c.events, c.visitors.size]])),
    );
  });
});

const GOAL_PREDS: Record<string, Pred> = {
  Pricing: isPage('/pricing'),
  'Pro signup': isEvent('signup', 'plan', 'pro'),
  Blog: isPage('/blog/*'),
};

describe('goals', () => {
  it('count completions, visitors and the orders that followed, per currency', async () => {
    const got = await getGoalReport(ch, scope, goals);
    expect(got.visitors).toBe(ALL_VISITORS);
    const preds: Record<string, Pred> = {
      Pricing: isPage('/pricing'),
      'Pro signup': isEvent('signup', 'plan', 'pro'),
      Blog: isPage('/blog/*'),
    };
    for (const g of goals) {
      const row = got.rows.find((r) => r.goalId === g.goalId);
      expect({ ...row, goalId: undefined }, g.name).toEqual({ goalId: undefined, ...goalTruth(preds[g.name]!) });
    }
  });

  it('are columns of a country table, each visitor under their first country', async () => {
    const got = await getGoalBreakdown(ch, scope, goals, 'country');
    const preds = goals.map((g) => GOAL_PREDS[g.name]!);
    const countries = [...new Set(ROWS.map((r) => r.country))];
    const want = countries.map((country) => {
      const visitors = new Set(ROWS.filter((r) => r.country === country).map((r) => r.visitor_id));
      return {
        value: country,
        visitors: visitors.size,
        converted: preds.map(
          (p) => new Set(ROWS.filter((r) => visitors.has(r.visitor_id) && p(r)).map((r) => r.visitor_id)).size,
        ),
      };
    });
    expect([...got].sort((a, b) => a.value.localeCompare(b.value))).toEqual(
      want.sort((a, b) => a.value.localeCompare(b.value)),
    );
  });

  it('are columns of a source table, a visitor without a page view under none', async () => {
    const got = await getGoalBreakdown(ch, scope, goals, 'source');
    const preds = goals.map((g) => GOAL_PREDS[g.name]!);
    const want = new Map<string, { value: string; visitors: number; converted: number[] }>();
    for (const v of new Set(ROWS.map((r) => r.visitor_id))) {
      const views = ROWS.filter((r) => r.visitor_id === v && r.type === 'pageview').sort((a, b) => a.ts - b.ts);
      const value = views[0]?.session_source ?? '';
      const row = want.get(value) ?? { value, visitors: 0, converted: preds.map(() => 0) };
      row.visitors += 1;
      preds.forEach((p, i) => (row.converted[i]! += ROWS.some((r) => r.visitor_id === v && p(r)) ? 1 : 0));
      want.set(value, row);
    }
    expect(want.get('')?.visitors).toBe(2);
    expect([...got].sort((a, b) => a.value.localeCompare(b.value))).toEqual(
      [...want.values()].sort((a, b) => a.value.localeCompare(b.value)),
    );
  });

  it('keep a pattern literal: LIKE characters in it match only themselves', async () => {
    const literal: Goal = { goalId: 'gl_x', name: 'x', definition: { kind: 'page', pattern: '/pric_ng%' } };
    const got = await getGoalReport(ch, scope, [literal]);
    expect(got.rows[0]?.completions).toBe(0);
  });
});

const PRICING_SIGNUP_ORDER: FunnelDefinitionInput = {
  windowMode: 'session',
  steps: [
    { kind: 'page', config: { pattern: '/pricing' } },
    { kind: 'event', config: { eventName: 'signup' } },
    { kind: 'order' },
  ],
};
const truthPreds = [isPage('/pricing'), isEvent('signup'), isType('order')];

describe('custom funnels', () => {
  it('within one session: visitors per step and median time between steps', async () => {
    const got = await getCustomFunnel(ch, scope, funnelDefinition.parse(PRICING_SIGNUP_ORDER), { goals: new Map() });
    const truth = funnelTruth(truthPreds, 'session', Infinity);
    expect(got).toEqual([{ value: '', reached: truth.reached, medianMs: truth.medianMs }]);
    // The fixture is built to tell the modes apart: v2 orders in a later session.
    expect(truth.reached).toEqual([6, 5, 2]);
  });

  it('within N days: steps may span sessions, not the window', async () => {
    const def = funnelDefinition.parse({ ...PRICING_SIGNUP_ORDER, windowMode: 'days', windowDays: 7 });
    const got = await getCustomFunnel(ch, scope, def, { goals: new Map() });
    const truth = funnelTruth(truthPreds, 'days', 7 * D);
    expect(got).toEqual([{ value: '', reached: truth.reached, medianMs: truth.medianMs }]);
    expect(truth.reached).toEqual([6, 5, 3]);
  });

  it('within one session, by source: a visitor counts under the entry of their furthest session', async () => {
    const def = funnelDefinition.parse(PRICING_SIGNUP_ORDER);
    const got = await getCustomFunnel(ch, scope, def, { goals: new Map() }, 'source');
    const want = new Map<string, number[]>();
    const best = [...funnelTruth(truthPreds, 'session', Infinity).best.values()];
    for (const b of best) {
      if (b.level === 0) continue;
      const source = b.rows.find((r) => r.type === 'pageview')?.session_source ?? '';
      const r = want.get(source) ?? [0, 0, 0];
      for (let i = 0; i < b.level; i++) r[i]! += 1;
      want.set(source, r);
    }
    expect(Object.fromEntries(got.map((r) => [r.value, r.reached]))).toEqual(Object.fromEntries(want));
    // Both kinds of visitor are in it: some went no further than step 1, some past it.
    expect(best.map((b) => b.level)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  // The truth of a days funnel by source: each visitor under the entry of the session of their first step-1 event.
  function bySessionOfFirstStep(preds: Pred[]) {
    const want = new Map<string, number[]>();
    for (const b of funnelTruth(preds, 'days', 7 * D).best.values()) {
      if (b.level === 0) continue;
      const first = b.rows.find(preds[0]!)!;
      const view = ROWS.find((r) => r.session_id === first.session_id && r.type === 'pageview');
      const r = want.get(view?.session_source ?? '') ?? preds.map(() => 0);
      for (let i = 0; i < b.level; i++) r[i]! += 1;
      want.set(view?.session_source ?? '', r);
    }
    return Object.fromEntries(want);
  }

  it('within N days, by source: a visitor counts under the entry of the session where they took step 1', async () => {
    const def = funnelDefinition.parse({ ...PRICING_SIGNUP_ORDER, windowMode: 'days', windowDays: 7 });
    const got = await getCustomFunnel(ch, scope, def, { goals: new Map() }, 'source');
    const want = bySessionOfFirstStep(truthPreds);
    expect(Object.fromEntries(got.map((r) => [r.value, r.reached]))).toEqual(want);
    // v9 came in from Bing but took step 1 in a visit from the newsletter.
    expect(want['Newsletter']).toEqual([1, 1, 0]);
  });

  it('within N days, by source, from a step 1 that is no page view: the entry of its session', async () => {
    const def = funnelDefinition.parse({
      windowMode: 'days',
      windowDays: 7,
      steps: [{ kind: 'event', config: { eventName: 'signup' } }, { kind: 'order' }],
    });
    const got = await getCustomFunnel(ch, scope, def, { goals: new Map() }, 'source');
    const want = bySessionOfFirstStep([isEvent('signup'), isType('order')]);
    expect(Object.fromEntries(got.map((r) => [r.value, r.reached]))).toEqual(want);
    expect(want['Newsletter']).toEqual([1, 0]);
  });

  it('takes a goal as a step and breaks down by country', async () => {
    const pricing = goals.find((g) => g.name === 'Pricing')!;
    const def = funnelDefinition.parse({
      windowMode: 'days',
      windowDays: 7,
      steps: [{ kind: 'goal', config: { goalId: pricing.goalId } }, { kind: 'order' }],
    });
    const got = await getCustomFunnel(ch, scope, def, { goals: new Map(goals.map((g) => [g.goalId, g])) }, 'country');
    const truth = funnelTruth([isPage('/pricing'), isType('order')], 'days', 7 * D);
    const firstCountry = (v: string) =>
      [...ROWS].filter((r) => r.visitor_id === v).sort((a, b) => a.ts - b.ts)[0]!.country;
    const want = new Map<string, number[]>();
    for (const [v, b] of truth.best) {
      if (b.level === 0) continue;
      const c = firstCountry(v);
      const r = want.get(c) ?? [0, 0];
      for (let i = 0; i < b.level; i++) r[i]! += 1;
      want.set(c, r);
    }
    expect(Object.fromEntries(got.map((r) => [r.value, r.reached]))).toEqual(Object.fromEntries(want));
  });

  it('are saved per site and read back', async () => {
    const saved = await saveFunnel(ch, SITE, { name: 'Pricing to order', definition: PRICING_SIGNUP_ORDER });
    const other = await listFunnels(ch, 'another-site');
    expect(other).toEqual([]);
    expect(await listFunnels(ch, SITE)).toEqual([saved]);
  });
});
