import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type BotEventRow, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { getBotBreakdown } from './bot-breakdown.ts';
import { getBotPages } from './bot-pages.ts';
import { getBotSeries } from './bot-series.ts';
import { getBotSummary } from './bot-summary.ts';
import { botScope } from './fragments/bot-scope.ts';
import { testStore } from '../testing/test-store.ts';

// Bot rows and human page views against the embedded engine; every expected figure is
// counted here by hand from the rows below.
const ch = testStore();
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 10, 1);
const TO = FROM + 3 * DAY;
const UA = {
  google: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  gpt: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)',
  curl: 'curl/8.4.0',
  odd: 'Mozilla/5.0 (compatible; TeaCrawler/0.3)',
};
const bot = (ua: string, ts: number, path: string, site = 'site-a', country = 'US'): BotEventRow => ({
  site_id: site,
  ts,
  type: 'pageview',
  path,
  user_agent: ua,
  reason: 'bot',
  country,
});
const BOTS: BotEventRow[] = [
  // Day 1: Googlebot ×3 (/, /, /tea), curl ×1 (/).
  bot(UA.google, FROM + 1_000, '/'),
  bot(UA.google, FROM + 3_600_000, '/'),
  bot(UA.google, FROM + 7_200_000, '/tea'),
  bot(UA.curl, FROM + 9_000_000, '/', 'site-a', 'CN'),
  // Day 2: GPTBot ×2 (/tea, /about), TeaCrawler ×1 (/tea).
  bot(UA.gpt, FROM + DAY + 5_000, '/tea'),
  bot(UA.gpt, FROM + DAY + 6_000, '/about'),
  bot(UA.odd, FROM + DAY + 7_000, '/tea'),
  // Day 3: Googlebot ×1 (/about).
  bot(UA.google, FROM + 2 * DAY + 1_000, '/about'),
  // Outside: before the range, at its end, another site.
  bot(UA.google, FROM - 1, '/'),
  bot(UA.google, TO, '/'),
  bot(UA.curl, FROM + 10, '/', 'site-b'),
];
const human = (i: number, type: string, site = 'site-a', country = 'US'): EventRow =>
  blankEvent({
    site_id: site,
    ts: FROM + i * 3_600_000,
    type,
    event_id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    visitor_id: `hv-${i}`,
    session_id: `hs-${i}`,
    country,
    path: '/',
    url: '/',
  });
// 12 page views on site a (3 from CN), 2 custom events, 4 page views on site b.
const HUMANS: EventRow[] = [
  ...Array.from({ length: 12 }, (_, i) => human(i, 'pageview', 'site-a', i < 3 ? 'CN' : 'US')),
  human(20, 'custom'),
  human(21, 'custom'),
  ...Array.from({ length: 4 }, (_, i) => human(30 + i, 'pageview', 'site-b')),
];

beforeAll(async () => {
  await migrate(ch);
  await clickHouseInsert(ch)(TABLES.botEvents, BOTS);
  await clickHouseInsert(ch)(TABLES.events, HUMANS);
});
afterAll(() => ch.close());

const scope = botScope('site-a', FROM, TO, {});

describe('bots report', () => {
  it('counts hits, distinct bots and human page views of the site and range', async () => {
    // 8 hits in range on site a; Googlebot, curl, GPTBot, TeaCrawler; 12 page views.
    expect(await getBotSummary(ch, scope)).toEqual({ hits: 8, bots: 4, pageviews: 12 });
    expect(await getBotSummary(ch, botScope('site-a', FROM, TO, { country: 'CN' }))).toEqual({
      hits: 1,
      bots: 1,
      pageviews: 3,
    });
  });

  it('names and groups bots from their user agent', async () => {
    expect(await getBotBreakdown(ch, scope, 'name')).toEqual([
      { value: 'Googlebot', category: 'search', hits: 4, pages: 3, lastSeen: FROM + 2 * DAY + 1_000 },
      { value: 'GPTBot', category: 'ai', hits: 2, pages: 2, lastSeen: FROM + DAY + 6_000 },
      { value: 'TeaCrawler', category: 'crawler', hits: 1, pages: 1, lastSeen: FROM + DAY + 7_000 },
      { value: 'curl', category: 'tool', hits: 1, pages: 1, lastSeen: FROM + 9_000_000 },
    ]);
    const byCategory = await getBotBreakdown(ch, scope, 'category');
    expect(byCategory.map((r) => [r.value, r.hits, r.pages])).toEqual([
      ['search', 4, 3],
      ['ai', 2, 2],
      ['crawler', 1, 1],
      ['tool', 1, 1],
    ]);
  });

  it('puts hits in days and pages, for all bots or one', async () => {
    expect(await getBotSeries(ch, scope, 'day', 'UTC')).toEqual([
      { at: FROM, hits: 4 },
      { at: FROM + DAY, hits: 3 },
      { at: FROM + 2 * DAY, hits: 1 },
    ]);
    expect(await getBotSeries(ch, scope, 'day', 'UTC', 'Googlebot')).toEqual([
      { at: FROM, hits: 3 },
      { at: FROM + 2 * DAY, hits: 1 },
    ]);
    expect(await getBotPages(ch, scope)).toEqual([
      { path: '/', hits: 3, bots: 2 },
      { path: '/tea', hits: 3, bots: 3 },
      { path: '/about', hits: 2, bots: 2 },
    ]);
    expect(await getBotPages(ch, scope, 'GPTBot')).toEqual([
      { path: '/about', hits: 1, bots: 1 },
      { path: '/tea', hits: 1, bots: 1 },
    ]);
  });
});
