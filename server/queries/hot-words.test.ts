import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { storeVisitorTerms, visitorTermsRow } from '../chat/visitor-terms.ts';
import { getHotWordBreakdown } from './hot-word-breakdown.ts';
import { getHotWordPages } from './hot-word-pages.ts';
import { getHotWordReach } from './hot-word-reach.ts';
import { getHotWords } from './hot-words.ts';
import { listChats } from './list-chats.ts';
import { reportScope } from './fragments/report-scope.ts';
import { testStore } from '../testing/test-store.ts';

// Hot words against a small hand-made fixture. Every expected figure below is counted by
// hand from the messages listed here (which words each message holds is written out beside
// it), not from the code under test.
const ch = testStore();
const SITE = 'hot-words-site';
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 10, 10);
const TO = FROM + 7 * DAY;
const PREV = FROM - 7 * DAY;
const range = { from: FROM, to: TO, prevFrom: PREV, prevTo: FROM };

// [visitor, day offset from FROM (negative: the period before), country, utm source, campaign, chat, text]
const MESSAGES: [string, number, string, string, string, string, string][] = [
  ['v1', 0, 'CN', 'baidu', 'spring', 'c1', '我想退货，怎么退货？'], // 退货 (once per message)
  ['v1', 1, 'CN', 'baidu', 'spring', 'c1', '退货要多久'], // 退货, 多久
  ['v2', 2, 'CN', '', '', 'c2', '退貨流程是什麼'], // traditional: 退货, 流程
  ['v3', 3, 'US', 'google', 'spring', 'c3', 'Can I get a refund for my order?'], // refund, order
  ['v4', 4, 'GB', 'google', '', 'c4', 'refund please, the order 2 was late v 110'], // refund, order, late (numbers and lone letters dropped)
  ['v4', 4, 'GB', 'google', '', 'c4', 'REFUND'], // refund (case folded)
  ['v5', -3, 'US', '', '', 'c5', 'Do you ship to Singapore? refund?'], // before: ship, singapore, refund
  ['v6', -2, 'CN', '', '', 'c6', '包邮吗？运费多少'], // before: 包邮, 运费, 多少
  ['v7', -1, 'CN', '', '', 'c7', '退货'], // before: 退货
  ['v8', 9, 'CN', '', '', 'c8', '退货 退货'], // after the range: not counted
];

beforeAll(async () => {
  await migrate(ch);
  const rows = MESSAGES.flatMap(([visitor, day, country, utm, campaign, chat, text], i) => {
    const at = FROM + day * DAY + 3_600_000;
    const event = blankEvent({
      site_id: SITE,
      type: 'chat_message',
      ts: at,
      session_id: `${visitor}-s`,
      visitor_id: visitor,
      country,
      utm_source: utm,
      referrer_domain: '',
      utm_campaign: campaign,
    });
    const row = visitorTermsRow(event, { messageId: `m${i}`, chatId: chat, kind: 'chat', text, at });
    return row ? [row] : [];
  });
  // An offline message (no chat): v9 asks for the wholesale catalogue, once in the range.
  const offline = visitorTermsRow(
    { site_id: SITE, visitor_id: 'v9', country: 'DE', utm_source: '', referrer_domain: '', utm_campaign: '' },
    {
      messageId: 'm-offline',
      chatId: '',
      kind: 'offline',
      text: 'wholesale catalogue for my tea shop',
      at: FROM + 5 * DAY,
    },
  );
  await storeVisitorTerms(ch, [...rows, ...(offline ? [offline] : [])]);
  // A replayed step stores its rows again: they must count once.
  await storeVisitorTerms(ch, rows.slice(0, 2));
  // Chats and page views for the drill-down: v1 and v2 (who wrote 退货) viewed /returns, v3 viewed /shoes.
  const events = [
    ...['c1', 'c2', 'c3', 'c4'].map((chat, i) =>
      blankEvent({
        site_id: SITE,
        type: 'chat_requested',
        chat_id: chat,
        visitor_id: `v${i + 1}`,
        session_id: `v${i + 1}-s`,
        ts: FROM + i * DAY,
      }),
    ),
    ...[
      ['v1', '/returns'],
      ['v1', '/returns'],
      ['v2', '/returns'],
      ['v2', '/jackets'],
      ['v3', '/shoes'],
    ].map(([v = '', path = ''], i) =>
      blankEvent({ site_id: SITE, type: 'pageview', visitor_id: v, session_id: `${v}-s`, path, ts: FROM + i * 1000 }),
    ),
  ];
  await ch.insert({ table: TABLES.events, values: events, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

it('counts each term once per message, its visitors and the period before, rising terms first', async () => {
  const words = await getHotWords(ch, SITE, range, {}, 100);
  const of = (term: string) => words.find((w) => w.term === term);
  expect(of('退货')).toEqual({ term: '退货', count: 3, visitors: 2, previous: 1 });
  expect(of('refund')).toEqual({ term: 'refund', count: 3, visitors: 2, previous: 1 });
  expect(of('order')).toEqual({ term: 'order', count: 2, visitors: 2, previous: 0 });
  expect(words.filter((w) => ['2', 'v', '110'].includes(w.term))).toEqual([]);
  // Only in the period before: not listed (the table shows the range's terms).
  expect(of('包邮')).toBeUndefined();
  // Rising first: +2 (退货, refund) before +2 (order has count 2) before +1 (多久, late, 运费…).
  expect(
    words
      .slice(0, 3)
      .map((w) => w.term)
      .sort(),
  ).toEqual(['order', 'refund', '退货']);
  expect(
    words
      .slice(0, 2)
      .map((w) => w.term)
      .sort(),
  ).toEqual(['refund', '退货']);
  // Filters the rows carry: country, source by name.
  const cn = await getHotWords(ch, SITE, range, { country: 'CN' }, 100);
  expect(cn.find((w) => w.term === 'refund')).toBeUndefined();
  expect(cn.find((w) => w.term === '退货')).toEqual({ term: '退货', count: 3, visitors: 2, previous: 1 });
  const google = await getHotWords(ch, SITE, range, { source: 'google.com' }, 100);
  expect(google.find((w) => w.term === 'refund')).toEqual({ term: 'refund', count: 3, visitors: 2, previous: 0 });
});

it('breaks a term down by source, campaign and country, and finds its visitors’ pages and chats', async () => {
  const by = (d: 'source' | 'campaign' | 'country') => getHotWordBreakdown(ch, SITE, range, {}, '退货', d);
  expect(await by('source')).toEqual([
    { value: 'Baidu', count: 2, visitors: 1 },
    { value: '(direct)', count: 1, visitors: 1 },
  ]);
  expect(await by('campaign')).toEqual([
    { value: 'spring', count: 2, visitors: 1 },
    { value: '', count: 1, visitors: 1 },
  ]);
  expect(await by('country')).toEqual([{ value: 'CN', count: 3, visitors: 2 }]);
  expect(await getHotWordPages(ch, SITE, range, {}, '退货')).toEqual([
    { path: '/returns', views: 3, visitors: 2 },
    { path: '/jackets', views: 1, visitors: 1 },
  ]);
  const chats = await listChats(ch, reportScope(SITE, FROM, TO, {}), {
    term: 'refund',
    sort: 'startedAt',
    order: 'asc',
    offset: 0,
    limit: 10,
  });
  expect(chats.rows.map((r) => r.chatId)).toEqual(['c3', 'c4']);
});

it('says how many chats and offline messages hold a term', async () => {
  const reach = (term: string) => getHotWordReach(ch, SITE, range, {}, term);
  // 退货: c1 (twice, one chat) and c2 in the range; c7 before it and c8 after it do not count.
  expect(await reach('退货')).toEqual({ chats: 2, offline: 0 });
  // refund: c3 and c4 (twice in c4); c5 wrote it in the period before.
  expect(await reach('refund')).toEqual({ chats: 2, offline: 0 });
  // wholesale: only the offline message, so no chat to open.
  expect(await reach('wholesale')).toEqual({ chats: 0, offline: 1 });
  expect(await getHotWordReach(ch, SITE, range, { country: 'CN' }, 'refund')).toEqual({ chats: 0, offline: 0 });
});
