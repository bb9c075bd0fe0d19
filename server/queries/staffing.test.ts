import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { agentsNeeded } from '../staffing/erlang-c.ts';
import { planStaffing } from '../staffing/plan.ts';
import { blankEvent, buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { appRouter } from '../trpc/root.ts';
import { getStaffingHeatmap, weekdayCounts, type HeatmapCell } from './staffing-heatmap.ts';
import { testStore } from '../testing/test-store.ts';

// The staffing heatmap against the embedded engine, compared with cells computed here in
// plain TypeScript (Intl for the local weekday and hour, never the SQL under test).
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();
const A = FIXTURE_SITES.a;
const fixtureRows = buildFixture(NOW).events;

// A second site in a zone with daylight saving (New York leaves DST on 2026-11-01), with
// agent messages, a wait exactly at the 30 s bar, an answer after the range and a chat
// started without a request.
const NY = { id: 'staffing-ny', timeZone: 'America/New_York' };
const at = (iso: string) => Date.parse(iso);
const ev = (ts: number, type: string, over: Partial<EventRow> = {}) =>
  blankEvent({ site_id: NY.id, ts, type, visitor_id: 'v1', session_id: 's1', ...over });
/** A call's events as chat-calls.ts writes them: asked, then answered and ended, or missed. */
function call(
  id: string,
  asked: number,
  o: { agent: string; answeredAfterMs?: number; talkMs?: number },
  visitor = 'v3',
) {
  const base = { visitor_id: visitor, session_id: visitor === 'v3' ? 's3' : 's1', agent_id: o.agent };
  const props = { call_id: `c_${id}` };
  if (o.answeredAfterMs === undefined)
    return [ev(asked, 'call_requested', { ...base, props }), ev(asked + 30_000, 'call_missed', { ...base, props })];
  const answered = asked + o.answeredAfterMs;
  return [
    ev(asked, 'call_requested', { ...base, props }),
    ev(answered, 'call_answered', { ...base, props }),
    ev(answered + o.talkMs!, 'call_ended', { ...base, props: { ...props, duration_ms: String(o.talkMs) } }),
  ];
}
const nyRows: EventRow[] = [
  // Monday 26 Oct 10:30 EDT (14:30Z) and Monday 2 Nov 10:30 EST (15:30Z): both Monday 10:00.
  ev(at('2026-10-26T14:30:00Z'), 'pageview'),
  ev(at('2026-10-26T14:31:00Z'), 'pageview', { visitor_id: 'v2', session_id: 's2' }),
  ev(at('2026-11-02T15:30:00Z'), 'pageview', { visitor_id: 'v3', session_id: 's3' }),
  ev(at('2026-11-02T15:30:10Z'), 'chat_requested', { visitor_id: 'v3', session_id: 's3', chat_id: 'c1' }),
  ev(at('2026-11-02T15:30:41Z'), 'chat_started', { visitor_id: 'v3', session_id: 's3', chat_id: 'c1', agent_id: 'a1' }),
  ev(at('2026-11-02T15:35:00Z'), 'chat_message', {
    visitor_id: 'v3',
    session_id: 's3',
    chat_id: 'c1',
    agent_id: 'a2',
    props: { sender: 'agent' },
  }),
  ev(at('2026-11-02T15:36:00Z'), 'chat_message', {
    visitor_id: 'v3',
    session_id: 's3',
    chat_id: 'c1',
    agent_id: 'a3',
    props: { sender: 'visitor' },
  }),
  ev(at('2026-11-02T15:50:41Z'), 'chat_ended', { visitor_id: 'v3', session_id: 's3', chat_id: 'c1', agent_id: 'a1' }),
  // Answered exactly 30 s later: did not wait.
  ev(at('2026-11-03T01:00:00Z'), 'chat_requested', { chat_id: 'c2' }),
  ev(at('2026-11-03T01:00:30Z'), 'chat_started', { chat_id: 'c2', agent_id: 'a1' }),
  ev(at('2026-11-03T01:10:30Z'), 'chat_ended', { chat_id: 'c2', agent_id: 'a1' }),
  // Asked at 23:59:50 on the range's last day, answered 20 s later, after the range.
  ev(at('2026-11-09T04:59:50Z'), 'chat_requested', { chat_id: 'c3' }),
  ev(at('2026-11-09T05:00:10Z'), 'chat_started', { chat_id: 'c3', agent_id: 'a2' }),
  // Started without a request (an older client): handled, not requested.
  ev(at('2026-11-04T18:00:00Z'), 'chat_started', { chat_id: 'c4', agent_id: 'a2' }),
  ev(at('2026-11-04T18:03:00Z'), 'chat_ended', { chat_id: 'c4', agent_id: 'a2' }),
  // Web calls: on Monday 2 Nov 10:40 EST one answered by a4 (3 min) and one missed; and
  // one asked at 23:59 on the range's last day that ends (2:40 of talk) after the range.
  ...call('k1', at('2026-11-02T15:40:00Z'), { agent: 'a4', answeredAfterMs: 10_000, talkMs: 180_000 }),
  ...call('k2', at('2026-11-02T15:45:00Z'), { agent: 'a1' }),
  ...call('k3', at('2026-11-09T04:59:00Z'), { agent: 'a5', answeredAfterMs: 20_000, talkMs: 160_000 }, 'v1'),
];
const NY_RANGE = resolveRange({ preset: 'custom', from: '2026-10-20', to: '2026-11-08' }, NY.timeZone, NOW);

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await ch.insert({ table: TABLES.events, values: nyRows, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function local(tz: string, ts: number) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ts);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    weekday: WEEKDAYS.indexOf(get('weekday')) + 1,
    hour: Number(get('hour')),
    day: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

/** The heatmap restated from raw rows. */
function expectedCells(rows: EventRow[], siteId: string, tz: string, from: number, to: number): HeatmapCell[] {
  const mine = rows.filter((e) => e.site_id === siteId);
  const inRange = (ts: number) => ts >= from && ts < to;
  const cells = new Map<string, HeatmapCell & { waitSum: number; answered: number; handleSum: number }>();
  const cell = (ts: number) => {
    const l = local(tz, ts);
    const key = `${l.weekday}-${l.hour}`;
    if (!cells.has(key))
      cells.set(key, {
        weekday: l.weekday,
        hour: l.hour,
        visitors: 0,
        requests: 0,
        waited: 0,
        avgWaitSeconds: 0,
        handled: 0,
        avgHandleSeconds: 0,
        agents: 0,
        calls: 0,
        callsHandled: 0,
        avgCallSeconds: 0,
        waitSum: 0,
        answered: 0,
        handleSum: 0,
      });
    return cells.get(key)!;
  };
  // Distinct visitors and agents per local day-hour, then added up.
  const hourSets = new Map<string, { ts: number; visitors: Set<string>; agents: Set<string> }>();
  for (const e of mine.filter((x) => inRange(x.ts))) {
    const l = local(tz, e.ts);
    const key = `${l.day}-${l.hour}`;
    const h = hourSets.get(key) ?? { ts: e.ts, visitors: new Set(), agents: new Set() };
    hourSets.set(key, h);
    h.visitors.add(e.visitor_id);
    if (
      e.agent_id &&
      (e.type === 'chat_started' ||
        e.type === 'call_answered' ||
        (e.type === 'chat_message' && e.props['sender'] === 'agent'))
    )
      h.agents.add(e.agent_id);
  }
  for (const h of hourSets.values()) {
    cell(h.ts).visitors += h.visitors.size;
    cell(h.ts).agents += h.agents.size;
  }
  for (const chatId of new Set(mine.map((e) => e.chat_id).filter(Boolean))) {
    const of = (type: string) => mine.filter((e) => e.chat_id === chatId && e.type === type).map((e) => e.ts);
    const requested = of('chat_requested')[0];
    const started = of('chat_started')[0];
    const ended = of('chat_ended')[0];
    if (requested !== undefined && inRange(requested)) {
      const c = cell(requested);
      c.requests += 1;
      if (started === undefined || started - requested > 30_000) c.waited += 1;
      if (started !== undefined) {
        c.answered += 1;
        c.waitSum += (started - requested) / 1000;
      }
    }
    if (started !== undefined && ended !== undefined && inRange(started)) {
      cell(started).handled += 1;
      cell(started).handleSum += (ended - started) / 1000;
    }
  }
  const talk = new Map<string, number>();
  for (const callId of new Set(mine.map((e) => e.props['call_id']).filter(Boolean))) {
    const of = (type: string) => mine.filter((e) => e.props['call_id'] === callId && e.type === type);
    const asked = of('call_requested')[0]?.ts;
    const ended = of('call_ended')[0];
    if (asked === undefined || !inRange(asked)) continue;
    cell(asked).calls += 1;
    if (ended) {
      cell(asked).callsHandled += 1;
      const key = `${cell(asked).weekday}-${cell(asked).hour}`;
      talk.set(key, (talk.get(key) ?? 0) + Number(ended.props['duration_ms']) / 1000);
    }
  }
  return [...cells.values()].map(({ waitSum, answered, handleSum, ...c }) => ({
    ...c,
    avgWaitSeconds: answered ? waitSum / answered : 0,
    avgHandleSeconds: c.handled ? handleSum / c.handled : 0,
    avgCallSeconds: c.callsHandled ? talk.get(`${c.weekday}-${c.hour}`)! / c.callsHandled : 0,
  }));
}

const nonZero = (cells: HeatmapCell[]) =>
  cells.filter((c) => c.visitors || c.requests || c.handled || c.agents || c.calls);
const byKey = (cells: HeatmapCell[]) => new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c]));

describe('staffing heatmap', () => {
  it.each(['7d', '30d'] as const)('matches the fixture cell by cell over %s (Asia/Shanghai)', async (preset) => {
    const range = resolveRange({ preset }, A.timeZone, NOW);
    const heatmap = await getStaffingHeatmap(ch, A.id, range, A.timeZone);
    expect(heatmap.cells).toHaveLength(168);
    expect(heatmap.cells.map((c) => [c.weekday, c.hour])).toEqual(
      Array.from({ length: 168 }, (_, i) => [Math.floor(i / 24) + 1, i % 24]),
    );
    const expected = expectedCells(fixtureRows, A.id, A.timeZone, range.from, range.to);
    const got = byKey(nonZero(heatmap.cells));
    expect([...got.keys()].sort()).toEqual(expected.map((c) => `${c.weekday}-${c.hour}`).sort());
    for (const c of expected) {
      const g = got.get(`${c.weekday}-${c.hour}`)!;
      expect({ ...g, avgWaitSeconds: 0, avgHandleSeconds: 0 }).toEqual({
        ...c,
        avgWaitSeconds: 0,
        avgHandleSeconds: 0,
      });
      expect(g.avgWaitSeconds).toBeCloseTo(c.avgWaitSeconds, 6);
      expect(g.avgHandleSeconds).toBeCloseTo(c.avgHandleSeconds, 6);
    }
    // The fixture has answered, late and unanswered requests in range.
    const sum = (k: 'requests' | 'waited' | 'handled') => heatmap.cells.reduce((s, c) => s + c[k], 0);
    if (preset === '30d')
      expect([sum('requests') > sum('waited'), sum('waited') > 0, sum('handled') > 0]).toEqual([true, true, true]);
    expect(heatmap.weeks.reduce((s, n) => s + n, 0)).toBe(range.days);
  });

  it('uses local weekday and hour across a DST change, the 30 s bar, and answers after the range', async () => {
    const heatmap = await getStaffingHeatmap(ch, NY.id, NY_RANGE, NY.timeZone);
    const expected = expectedCells(nyRows, NY.id, NY.timeZone, NY_RANGE.from, NY_RANGE.to);
    const got = byKey(nonZero(heatmap.cells));
    expect(got.size).toBe(expected.length);
    for (const c of expected) expect(got.get(`${c.weekday}-${c.hour}`)).toEqual(c);
    // Spelled out: Monday 10:00 holds both Mondays (EDT and EST); the agent who sent a
    // message counts, the visitor's message does not, the one who answered a call does
    // (a4), the one a call missed does not; the 31 s wait waited; two calls, one of 3 min.
    expect(got.get('1-10')).toEqual({
      weekday: 1,
      hour: 10,
      visitors: 3,
      requests: 1,
      waited: 1,
      avgWaitSeconds: 31,
      handled: 1,
      avgHandleSeconds: 1200,
      agents: 3,
      calls: 2,
      callsHandled: 1,
      avgCallSeconds: 180,
    });
    expect(got.get('1-20')).toMatchObject({ requests: 1, waited: 0, avgWaitSeconds: 30 });
    expect(got.get('7-23')).toMatchObject({ requests: 1, waited: 0, avgWaitSeconds: 20, handled: 0 });
    // The 23:59 call ended after the range: still counted, with its talk time.
    expect(got.get('7-23')).toMatchObject({ calls: 1, callsHandled: 1, avgCallSeconds: 160, agents: 1 });
    expect(got.get('3-13')).toMatchObject({ requests: 0, handled: 1, avgHandleSeconds: 180, agents: 1 });
    // 20 Oct (Tue) … 8 Nov (Sun): 20 days.
    expect(heatmap.weeks).toEqual([2, 3, 3, 3, 3, 3, 3]);
  });

  it('counts weekdays of a range', () => {
    expect(weekdayCounts('2026-11-16', 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(weekdayCounts('2026-11-16', 1)).toEqual([1, 0, 0, 0, 0, 0, 0]);
    // 90 days from a Sunday: 12 whole weeks, then Sunday … Friday once more.
    expect(weekdayCounts('2026-08-23', 90)).toEqual([13, 13, 13, 13, 13, 12, 13]);
  });
});

describe('staffing router', () => {
  const manager: SessionUser = { id: 'u-m', email: 'm@example.com', name: 'M', role: 'manager', siteIds: [NY.id] };
  const caller = (user: SessionUser) =>
    appRouter.createCaller({ ch, user, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
  const range = { preset: 'custom', from: '2026-10-20', to: '2026-11-08' } as const;
  const target = { targetPercent: 80, targetSeconds: 20, concurrency: 2 };

  it('refuses a user without the site, and roles without reports', async () => {
    await expect(caller(manager).staffing.heatmap({ siteId: A.id, range })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(caller(manager).staffing.plan({ siteId: A.id, range, ...target })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const agent: SessionUser = { ...manager, role: 'agent', siteIds: [A.id] };
    await expect(caller(agent).staffing.heatmap({ siteId: A.id, range })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      caller({ ...manager, siteIds: [A.id] }).staffing.plan({ siteId: A.id, range, ...target, targetPercent: 100 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller({ ...manager, siteIds: [A.id] }).staffing.plan({ siteId: A.id, range, ...target, concurrency: 0 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('plans the calls as their own demand, from their measured talk time', async () => {
    const plan = planStaffing(await getStaffingHeatmap(ch, NY.id, NY_RANGE, NY.timeZone), target);
    // Talk time over the two ended calls: (180 + 160) / 2 = 170 s; Monday 10:00 had 2 calls over 2 Mondays.
    expect(plan).toMatchObject({ callAhtSource: 'measured', callAhtSeconds: 170 });
    const monday = plan.cells.find((c) => c.weekday === 1 && c.hour === 10)!;
    expect(monday).toMatchObject({
      callsPerHour: 1,
      callAgents: agentsNeeded({ chatsPerHour: 1, ahtSeconds: 170, ...target, concurrency: 1 }).agents,
    });
    expect(monday.agentsNeeded).toBe(monday.chatAgents + monday.callAgents);
  });

  it('plans every hour from the measured AHT, or the override', async () => {
    const me = caller({ ...manager, siteIds: [A.id] });
    const heatmap = await me.staffing.heatmap({ siteId: A.id, range });
    const plan = await me.staffing.plan({ siteId: A.id, range, ...target });
    const chats = fixtureRows.filter((e) => e.site_id === A.id && e.type === 'chat_started');
    const ends = new Map(
      fixtureRows.filter((e) => e.site_id === A.id && e.type === 'chat_ended').map((e) => [e.chat_id, e.ts]),
    );
    const aht = chats.reduce((s, e) => s + (ends.get(e.chat_id)! - e.ts) / 1000, 0) / chats.length;
    expect(plan.ahtSource).toBe('measured');
    expect(plan.ahtSeconds).toBeCloseTo(aht, 6);
    expect(plan.cells).toHaveLength(168);
    for (const [i, c] of plan.cells.entries()) {
      const h = heatmap.cells[i]!;
      const weeks = heatmap.weeks[h.weekday - 1]!;
      expect(c.chatsPerHour).toBeCloseTo(h.requests / weeks, 9);
      expect(c.agentsSeen).toBeCloseTo(h.agents / weeks, 9);
      expect(c.agentsNeeded).toBe(
        agentsNeeded({ chatsPerHour: h.requests / weeks, ahtSeconds: plan.ahtSeconds, ...target }).agents,
      );
      expect(c.agentsNeeded > 0).toBe(h.requests > 0);
    }
    const slow = await me.staffing.plan({
      siteId: A.id,
      range,
      targetPercent: 99,
      targetSeconds: 5,
      concurrency: 1,
      ahtSeconds: 7200,
    });
    expect(slow).toMatchObject({ ahtSource: 'override', ahtSeconds: 7200 });
    expect(Math.max(...slow.cells.map((c) => c.agentsNeeded))).toBeGreaterThan(
      Math.max(...plan.cells.map((c) => c.agentsNeeded)),
    );
  });
});
