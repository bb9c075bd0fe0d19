import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { getConversionBreakdown } from './conversion-breakdown.ts';
import { getConversionFunnel } from './conversion-funnel.ts';
import { getAgentPerformance } from './agent-performance.ts';
import { reportScope } from './fragments/report-scope.ts';
import { testStore } from '../testing/test-store.ts';

// The conversion queries on a small set of visitors whose journeys are written out here;
// every expected number is counted from these rows in TypeScript.
const ch = testStore();
const SITE = 'conv-site';
const T0 = Date.UTC(2026, 9, 1, 8);
const H = 3_600_000;
const D = 24 * H;
const WINDOW = 7 * D;

let n = 0;
const ev = (visitor: string, at: number, type: string, over: Partial<EventRow> = {}) =>
  blankEvent({
    site_id: SITE,
    visitor_id: visitor,
    session_id: `${visitor}-s`,
    ts: T0 + at,
    type,
    event_id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...over,
  });

const ROWS: EventRow[] = [
  // v1: invited by rule r1 from Baidu, accepts, chats with a1, becomes a lead, orders 2 days later.
  ev('v1', 0, 'pageview', {
    utm_source: 'baidu',
    utm_medium: 'cpc',
    utm_campaign: 'spring',
    path: '/pricing',
    country: 'CN',
    device: 'desktop',
  }),
  ev('v1', 60_000, 'pageview', { path: '/products' }),
  ev('v1', 90_000, 'invite_shown', { rule_id: 'r1', agent_id: 'a1' }),
  ev('v1', 95_000, 'invite_accepted', { rule_id: 'r1', agent_id: 'a1' }),
  ev('v1', 95_000, 'chat_requested', { chat_id: 'c1', props: { origin: 'invitation' } }),
  ev('v1', 96_000, 'chat_started', { chat_id: 'c1', agent_id: 'a1' }),
  ev('v1', 100_000, 'chat_message', { chat_id: 'c1', agent_id: 'a1', props: { sender: 'visitor' } }),
  ev('v1', 126_000, 'chat_message', { chat_id: 'c1', agent_id: 'a1', props: { sender: 'agent' } }),
  ev('v1', 3 * 60_000, 'call_requested', {
    chat_id: 'c1',
    agent_id: 'a1',
    props: { call_id: 'c_v1call01', origin: 'agent' },
  }),
  ev('v1', 3 * 60_000 + 5000, 'call_answered', { chat_id: 'c1', agent_id: 'a1', props: { call_id: 'c_v1call01' } }),
  ev('v1', 4 * 60_000, 'call_ended', {
    chat_id: 'c1',
    agent_id: 'a1',
    props: { call_id: 'c_v1call01', duration_ms: '55000' },
  }),
  ev('v1', 5 * 60_000, 'lead_created', { chat_id: 'c1' }),
  ev('v1', 10 * 60_000, 'chat_ended', { chat_id: 'c1', agent_id: 'a1' }),
  ev('v1', 11 * 60_000, 'chat_rated', { chat_id: 'c1', agent_id: 'a1', props: { rating: '5' } }),
  ev('v1', 2 * D, 'order', { order_id: 'o1', revenue: 100, currency: 'CNY' }),
  // v2: engaged by attention on one page, asks for a chat herself, served by a2, lead; orders 10 days later (outside the window).
  ev('v2', H, 'pageview', { referrer_domain: 'google.com', path: '/', country: 'US', device: 'mobile' }),
  ev('v2', H + 20_000, 'engagement', { engaged_ms: 15_000 }),
  ev('v2', H + 30_000, 'chat_requested', { chat_id: 'c2', props: { origin: 'visitor' } }),
  ev('v2', H + 40_000, 'chat_started', { chat_id: 'c2', agent_id: 'a2' }),
  ev('v2', H + 100_000, 'chat_message', { chat_id: 'c2', agent_id: 'a2', props: { sender: 'agent' } }),
  // …and calls from the chat, but nobody answers: a missed call is no "called".
  ev('v2', H + 200_000, 'call_requested', { chat_id: 'c2', props: { call_id: 'c_v2call01', origin: 'visitor' } }),
  ev('v2', H + 230_000, 'call_missed', { chat_id: 'c2', agent_id: 'a2', props: { call_id: 'c_v2call01' } }),
  ev('v2', 2 * H, 'lead_created', { chat_id: 'c2' }),
  ev('v2', H + 10 * D, 'order', { order_id: 'o2', revenue: 50, currency: 'USD' }),
  // v3: one quick page, no chat, buys.
  ev('v3', 2 * H, 'pageview', { path: '/sale', country: 'CN', device: 'mobile' }),
  ev('v3', 2 * H + 30 * 60_000, 'order', { order_id: 'o3', revenue: 30, currency: 'CNY' }),
  // v5: two pages, "Call us" without a chat, answered: called, but never through the chat step.
  ev('v5', 4 * H, 'pageview', { path: '/', country: 'CN', device: 'desktop' }),
  ev('v5', 4 * H + 5000, 'pageview', { path: '/contact' }),
  ev('v5', 4 * H + 9000, 'call_requested', { props: { call_id: 'c_v5call01', origin: 'visitor' } }),
  ev('v5', 4 * H + 15_000, 'call_answered', { agent_id: 'a1', props: { call_id: 'c_v5call01' } }),
  // v4: three pages, an invitation from rule r1 that they ignore.
  ev('v4', 3 * H, 'pageview', {
    utm_source: 'baidu',
    utm_medium: 'cpc',
    utm_campaign: 'spring',
    path: '/pricing',
    country: 'CN',
  }),
  ev('v4', 3 * H + 1000, 'pageview', { path: '/a' }),
  ev('v4', 3 * H + 2000, 'pageview', { path: '/b' }),
  ev('v4', 3 * H + 3000, 'invite_shown', { rule_id: 'r1', agent_id: 'a1' }),
  // Another site's visitor never counts here.
  ev('x1', 0, 'pageview', { site_id: 'other-site' }),
  ev('x1', 1000, 'chat_started', { site_id: 'other-site', agent_id: 'a1' }),
];

const scope = reportScope(SITE, T0 - D, T0 + 20 * D, {});
const mine = ROWS.filter((e) => e.site_id === SITE);
const visitors = [...new Set(mine.map((e) => e.visitor_id))];
const of = (v: string, type: string) => mine.filter((e) => e.visitor_id === v && e.type === type);
const first = (v: string, type: string) => Math.min(...of(v, type).map((e) => e.ts));
const has = (v: string, type: string) => of(v, type).length > 0;
const engaged = (v: string) =>
  of(v, 'pageview').length >= 2 || of(v, 'engagement').reduce((s, e) => s + e.engaged_ms, 0) >= 10_000;
const orderedAfterChat = (v: string) =>
  has(v, 'chat_started') &&
  of(v, 'order').some((o) => o.ts >= first(v, 'chat_started') && o.ts <= first(v, 'chat_started') + WINDOW);
const count = (pred: (v: string) => boolean) => visitors.filter(pred).length;

beforeAll(async () => {
  await migrate(ch);
  await ch.insert({ table: TABLES.events, values: ROWS, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

describe('conversion', () => {
  it('counts both funnels, chatted against not chatted, and the time to lead and order', async () => {
    const f = await getConversionFunnel(ch, scope, WINDOW);
    const inv = (v: string) => engaged(v) && has(v, 'invite_shown');
    const acc = (v: string) => inv(v) && has(v, 'invite_accepted');
    const askd = (v: string) => engaged(v) && of(v, 'chat_requested').some((e) => e.props['origin'] === 'visitor');
    expect(f.invited).toEqual({
      visitors: visitors.length,
      engaged: count(engaged),
      shown: count(inv),
      accepted: count(acc),
      chatted: count((v) => acc(v) && has(v, 'chat_started')),
      called: count((v) => acc(v) && has(v, 'chat_started') && has(v, 'call_answered')),
      leads: count((v) => acc(v) && has(v, 'chat_started') && has(v, 'lead_created')),
      ordered: count((v) => acc(v) && has(v, 'chat_started') && has(v, 'lead_created') && orderedAfterChat(v)),
    });
    expect(f.asked).toEqual({
      visitors: visitors.length,
      engaged: count(engaged),
      asked: count(askd),
      chatted: count((v) => askd(v) && has(v, 'chat_started')),
      called: count((v) => askd(v) && has(v, 'chat_started') && has(v, 'call_answered')),
      leads: count((v) => askd(v) && has(v, 'chat_started') && has(v, 'lead_created')),
      ordered: count((v) => askd(v) && has(v, 'chat_started') && has(v, 'lead_created') && orderedAfterChat(v)),
    });
    // Sanity of the restated definitions on this data: v1 goes all the way (and called); v2's
    // call was missed, so it is not "called", yet its lead counts (called is beside the chat
    // step, not a gate); v5 called without a chat.
    expect([f.invited.called, f.invited.ordered, f.asked.chatted, f.asked.called, f.asked.leads]).toEqual([
      1, 1, 1, 0, 1,
    ]);

    const outcome = (chatted: boolean) => {
      const group = visitors.filter((v) => has(v, 'chat_started') === chatted);
      const orders = group.flatMap((v) => of(v, 'order'));
      const currencies = [...new Set(orders.map((o) => o.currency))].sort();
      return {
        visitors: group.length,
        buyers: group.filter((v) => has(v, 'order')).length,
        orders: orders.length,
        revenue: currencies.map((c) => ({
          currency: c,
          value: orders.filter((o) => o.currency === c).reduce((s, o) => s + o.revenue, 0),
        })),
      };
    };
    expect(f.chatted).toEqual(outcome(true));
    expect(f.notChatted).toEqual(outcome(false));

    const toLead = visitors
      .filter((v) => has(v, 'lead_created'))
      .map((v) => first(v, 'lead_created') - first(v, 'pageview'))
      .sort((a, b) => a - b);
    expect(f.toLead.buckets).toEqual([
      toLead.filter((t) => t < H).length,
      toLead.filter((t) => t >= H && t < D).length,
      0,
      0,
      0,
    ]);
    expect(f.toLead.median).toBe(toLead[Math.floor(toLead.length / 2)]);
    const toOrder = visitors.filter((v) => has(v, 'order')).map((v) => first(v, 'order') - first(v, 'pageview'));
    expect(f.toOrder.buckets).toEqual([
      toOrder.filter((t) => t < H).length,
      0,
      toOrder.filter((t) => t >= D && t < 7 * D).length,
      toOrder.filter((t) => t >= 7 * D && t < 30 * D).length,
      0,
    ]);
  });

  it('breaks the outcomes down by first-touch source, agent and rule', async () => {
    const sourceOf = (v: string) => {
      const p = of(v, 'pageview').sort((a, b) => a.ts - b.ts)[0]!;
      return p.utm_source || p.referrer_domain || '(direct)';
    };
    const bySource = await getConversionBreakdown(ch, scope, 'source', WINDOW);
    expect(
      new Map(bySource.map((r) => [r.value, [r.visitors, r.invited, r.chatted, r.leads, r.chattedBuyers, r.buyers]])),
    ).toEqual(
      new Map(
        [...new Set(visitors.map(sourceOf))].map((s) => {
          const g = visitors.filter((v) => sourceOf(v) === s);
          const c = (p: (v: string) => boolean) => g.filter(p).length;
          return [
            s,
            [
              g.length,
              c((v) => has(v, 'invite_shown')),
              c((v) => has(v, 'chat_started')),
              c((v) => has(v, 'lead_created')),
              c(orderedAfterChat),
              c((v) => has(v, 'order')),
            ],
          ];
        }),
      ),
    );
    const byAgent = await getConversionBreakdown(ch, scope, 'agent', WINDOW);
    expect(byAgent.filter((r) => r.value !== '').map((r) => [r.value, r.chatted, r.chattedBuyers, r.revenue])).toEqual([
      ['a1', 1, 1, [{ currency: 'CNY', value: 100 }]],
      ['a2', 1, 0, [{ currency: 'USD', value: 50 }]],
    ]);
    const byRule = await getConversionBreakdown(ch, scope, 'rule', WINDOW);
    expect(byRule.find((r) => r.value === 'r1')).toMatchObject({
      visitors: 2,
      invited: 2,
      chatted: 1,
      leads: 1,
      chattedBuyers: 1,
    });
  });

  it('measures each agent: chats, first response, duration, leads, orders in the window, rating', async () => {
    const chats = [...new Set(mine.filter((e) => e.type === 'chat_started').map((e) => e.chat_id))];
    const agents = [...new Set(mine.filter((e) => e.type === 'chat_started').map((e) => e.agent_id))].sort();
    const ofChat = (c: string, type: string) => mine.filter((e) => e.chat_id === c && e.type === type);
    const expected = agents.map((agent) => {
      const mineChats = chats.filter((c) => ofChat(c, 'chat_started')[0]!.agent_id === agent);
      const firstResponses = mineChats.flatMap((c) => {
        const reply = ofChat(c, 'chat_message')
          .filter((m) => m.props['sender'] === 'agent')
          .map((m) => m.ts);
        const asked = ofChat(c, 'chat_requested')[0]?.ts ?? ofChat(c, 'chat_started')[0]!.ts;
        return reply.length ? [Math.min(...reply) - asked] : [];
      });
      const orders = mineChats.flatMap((c) => {
        const start = ofChat(c, 'chat_started')[0]!;
        return mine.filter(
          (o) =>
            o.type === 'order' && o.visitor_id === start.visitor_id && o.ts >= start.ts && o.ts <= start.ts + WINDOW,
        );
      });
      const ratings = mineChats.flatMap((c) => ofChat(c, 'chat_rated').map((r) => Number(r.props['rating'])));
      return {
        agentId: agent,
        chats: mineChats.length,
        firstResponses,
        leads: mineChats.reduce((s, c) => s + ofChat(c, 'lead_created').length, 0),
        orders: orders.length,
        revenue: [...new Set(orders.map((o) => o.currency))].sort().map((c) => ({
          currency: c,
          value: orders.filter((o) => o.currency === c).reduce((s, o) => s + o.revenue, 0),
        })),
        rated: ratings.length,
        ratingAverage: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : 0,
      };
    });
    const got = await getAgentPerformance(ch, scope, WINDOW);
    expect(
      got.map((a) => ({
        agentId: a.agentId,
        chats: a.chats,
        firstResponses: [a.firstResponseMedian],
        leads: a.leads,
        orders: a.orders,
        revenue: a.revenue,
        rated: a.rated,
        ratingAverage: a.ratingAverage,
      })),
    ).toEqual(expected);
    // One chat each here, so the median and p90 are that chat's; a1's closed chat lasted 10 min minus its start.
    expect(got.find((a) => a.agentId === 'a1')?.durationMedian).toBe(10 * 60_000 - 96_000);
  });

  it('takes the page filters (country and device are columns, not the dimension aliases)', async () => {
    const filtered = reportScope(SITE, T0 - D, T0 + 20 * D, { country: 'CN', device: 'mobile' });
    const cnMobile = new Set(
      mine.filter((e) => e.type === 'pageview' && e.country === 'CN' && e.device === 'mobile').map((e) => e.visitor_id),
    );
    expect((await getConversionFunnel(ch, filtered, WINDOW)).invited.visitors).toBe(cnMobile.size);
    expect((await getConversionBreakdown(ch, filtered, 'country', WINDOW)).map((r) => [r.value, r.visitors])).toEqual([
      ['CN', cnMobile.size],
    ]);
    await expect(getAgentPerformance(ch, filtered, WINDOW)).resolves.toEqual([]);
  });
});
