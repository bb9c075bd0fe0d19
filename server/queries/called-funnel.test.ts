import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { funnelDefinition } from '../contract/funnels.ts';
import { getCustomFunnel } from './custom-funnel.ts';
import { reportScope } from './fragments/report-scope.ts';
import { testStore } from '../testing/test-store.ts';

// The "called" funnel step: a web call someone answered. Five visitors, one session each:
//   v1 pricing → call answered → order          reaches 3
//   v2 pricing → call asked → missed → order    reaches 1 (a missed call is not "called")
//   v3 pricing → chat → order                   reaches 1 (a chat is not a call)
//   v4 pricing → call answered                  reaches 2
//   v5 call answered → pricing → order          reaches 1 (called before the first step)
// So, pricing → called → order: [5, 2, 1].
const ch = testStore();
const SITE = 'called-funnel';
const T0 = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;
let n = 0;

const ev = (visitor: string, at: number, type: string, over: Partial<EventRow> = {}) =>
  blankEvent({
    site_id: SITE,
    ts: T0 + at * MIN,
    type,
    visitor_id: visitor,
    session_id: `${visitor}-s1`,
    event_id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...over,
  });
const pricing = (v: string, at: number) => ev(v, at, 'pageview', { path: '/pricing', url: 'https://s.test/pricing' });
const order = (v: string, at: number) => ev(v, at, 'order', { order_id: `o-${v}`, revenue: 10, currency: 'USD' });
const call = (v: string, at: number, answered: boolean) => [
  ev(v, at, 'call_requested', { props: { call_id: `c_${v}` } }),
  answered
    ? ev(v, at + 1, 'call_answered', { agent_id: 'a1', props: { call_id: `c_${v}` } })
    : ev(v, at + 1, 'call_missed', { agent_id: 'a1', props: { call_id: `c_${v}`, reason: 'no_answer' } }),
];

const ROWS: EventRow[] = [
  pricing('v1', 0),
  ...call('v1', 2, true),
  order('v1', 10),
  pricing('v2', 0),
  ...call('v2', 2, false),
  order('v2', 10),
  pricing('v3', 0),
  ev('v3', 2, 'chat_started', { chat_id: 'chat-v3', agent_id: 'a1' }),
  order('v3', 10),
  pricing('v4', 0),
  ...call('v4', 2, true),
  ...call('v5', 0, true),
  pricing('v5', 3),
  order('v5', 10),
];

beforeAll(async () => {
  await migrate(ch);
  await ch.insert({ table: TABLES.events, values: ROWS, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

describe('the "called" funnel step', () => {
  it('counts the people who had a call answered, in order with the other steps', async () => {
    const def = funnelDefinition.parse({
      windowMode: 'session',
      steps: [{ kind: 'page', config: { pattern: '/pricing' } }, { kind: 'called' }, { kind: 'order' }],
    });
    const [all] = await getCustomFunnel(ch, reportScope(SITE, T0 - MIN, T0 + 60 * MIN, {}), def, {
      goals: new Map(),
    });
    expect(all?.reached).toEqual([5, 2, 1]);
  });

  it('is one more step kind with nothing to configure', () => {
    expect(
      funnelDefinition.parse({ windowMode: 'session', steps: [{ kind: 'called' }, { kind: 'order' }] }).steps,
    ).toEqual([
      { kind: 'called', config: {} },
      { kind: 'order', config: {} },
    ]);
    expect(
      funnelDefinition.safeParse({
        windowMode: 'session',
        steps: [{ kind: 'called', config: { x: 1 } }, { kind: 'order' }],
      }).success,
    ).toBe(false);
  });
});
