import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from './clickhouse-insert.ts';
import { enrich, type Enriched } from './enrich.ts';
import { BOT_COLUMNS, EVENT_COLUMNS, madeLine, rowLine } from './row-line.ts';
import type { CollectPayload } from './payload.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const T0 = Date.UTC(2026, 10, 20, 8);

const payload = (site: string): CollectPayload => ({
  site,
  visitorId: 'visitor-line-1',
  sessionId: 'session-line-1',
  screen: '1920x1080',
  language: 'zh-CN',
  events: [
    {
      type: 'pageview',
      url: 'https://shop.example/p/一?utm_source=baidu&utm_campaign=春',
      referrer: 'https://www.baidu.com/s?wd="x"\n',
      title: 'Title "quoted" \\ 😀',
      ts: 1_000,
    },
    { type: 'engagement', url: 'https://shop.example/p/一', engagedMs: 1234, scrollPct: 55, ts: 2_000 },
    {
      type: 'custom',
      url: 'https://shop.example/p/一',
      name: 'cart',
      props: { sku: 'a\tb', n: 2, ok: true },
      ts: 3_000,
    },
  ],
});

async function storedRows(site: string, table: string): Promise<Record<string, unknown>[]> {
  const result = await ch.query({
    query: `SELECT * EXCEPT (site_id${table === TABLES.events ? ', event_id' : ''}) FROM ${table} WHERE site_id = {site:String} ORDER BY ts, type`,
    query_params: { site },
    format: 'JSONEachRow',
  });
  return result.json();
}

describe('one serialisation per row', () => {
  it('builds rows of exactly the shape the lines are made for', () => {
    const person = enrich(payload('site-line-0'), { ip: '8.8.8.8', userAgent: CHROME, receivedAt: T0 });
    for (const row of person.events) expect(Object.keys(row)).toEqual([...EVENT_COLUMNS]);
    const bot = enrich(payload('site-line-0'), { ip: '8.8.8.8', userAgent: 'Googlebot/2.1', receivedAt: T0 });
    expect(bot.bots).toHaveLength(3);
    for (const row of bot.bots) expect(Object.keys(row)).toEqual([...BOT_COLUMNS]);
    // A row of another shape has no line: the insert serialises it the plain way.
    expect(rowLine('events', { ...person.events[0], source: 'x' })).toBeUndefined();
  });

  it('stores from the journaled lines exactly what the plain insert stores, session columns included', async () => {
    const insert = clickHouseInsert(ch);
    const store = async (site: string, lined: boolean) => {
      const ctx = { ip: '202.96.134.133', userAgent: CHROME, receivedAt: T0 };
      const rows: Enriched = enrich(payload(site), ctx);
      const bots = enrich(payload(site), { ...ctx, userAgent: 'Googlebot/2.1' }).bots;
      if (lined) {
        for (const r of rows.events) expect(rowLine('events', r)).toBeDefined();
        for (const r of bots) expect(rowLine('bots', r)).toBeDefined();
      } else {
        for (const r of [...rows.events, ...bots]) expect(madeLine(r)).toBeUndefined();
      }
      await insert(TABLES.events, rows.events);
      await insert(TABLES.botEvents, bots);
    };
    await store('site-line-a', true);
    await store('site-line-b', false);
    const events = await storedRows('site-line-a', TABLES.events);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'pageview', session_source: 'Baidu', session_campaign: '春' });
    expect(events[0]?.['title']).toBe('Title "quoted" \\ 😀');
    expect(events).toEqual(await storedRows('site-line-b', TABLES.events));
    const bots = await storedRows('site-line-a', TABLES.botEvents);
    expect(bots).toHaveLength(3);
    expect(bots).toEqual(await storedRows('site-line-b', TABLES.botEvents));
  });
});
