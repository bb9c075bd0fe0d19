import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from './clickhouse-insert.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const T0 = Date.UTC(2026, 10, 20, 8);
const view = (session: string, minute: number, over: Partial<EventRow> = {}) =>
  blankEvent({
    site_id: 'se',
    ts: T0 + minute * 60_000,
    type: 'pageview',
    visitor_id: `v-${session}`,
    session_id: session,
    ...over,
  });
const fromSite = { referrer: 'https://shop.example/products' };

async function stored(session: string): Promise<[string, string, string][]> {
  const result = await ch.query({
    query: `SELECT type, session_source, session_campaign FROM ${TABLES.events} WHERE site_id = 'se' AND session_id = {s:String} ORDER BY ts`,
    query_params: { s: session },
    format: 'JSONCompactEachRow',
  });
  return result.json();
}

describe('session entries', () => {
  it('copies the entry page view’s source and campaign onto every later page view of the session', async () => {
    const insert = clickHouseInsert(ch);
    await insert(TABLES.events, [
      view('s1', 0, {
        referrer: 'https://www.baidu.com/s',
        referrer_domain: 'baidu.com',
        utm_source: 'baidu',
        utm_campaign: 'spring',
      }),
      view('s1', 1, fromSite),
      blankEvent({ site_id: 'se', ts: T0 + 90_000, type: 'engagement', visitor_id: 'v-s1', session_id: 's1' }),
    ]);
    // A later batch, and a page reached from another site mid-session: still the entry's.
    await insert(TABLES.events, [view('s1', 5, { referrer: 'https://weibo.com/', referrer_domain: 'weibo.com' })]);
    expect(await stored('s1')).toEqual([
      ['pageview', 'Baidu', 'spring'],
      ['pageview', 'Baidu', 'spring'],
      ['engagement', '', ''],
      ['pageview', 'Baidu', 'spring'],
    ]);
  });

  it('orders a batch by time, so the entry wins even when it arrives second', async () => {
    await clickHouseInsert(ch)(TABLES.events, [
      view('s2', 3, fromSite),
      view('s2', 2, { referrer: 'https://www.google.com/', referrer_domain: 'google.com' }),
    ]);
    expect(await stored('s2')).toEqual([
      ['pageview', 'Google', ''],
      ['pageview', 'Google', ''],
    ]);
  });

  it('names each page view’s own source, one name for every spelling of it', async () => {
    const insert = clickHouseInsert(ch);
    await insert(TABLES.events, [
      view('s5', 0, { utm_source: 'baidu' }),
      view('s6', 0, { referrer: 'https://baidu.com/s', referrer_domain: 'baidu.com' }),
      view('s7', 0, { referrer: 'https://m.baidu.com/s', referrer_domain: 'm.baidu.com' }),
      view('s7', 1, { referrer: 'https://l.facebook.com/', referrer_domain: 'l.facebook.com' }),
      view('s8', 0, { referrer: 'https://m.example.org/', referrer_domain: 'm.example.org' }),
    ]);
    const result = await ch.query({
      query: `SELECT session_id, source, session_source FROM ${TABLES.events} WHERE site_id = 'se' AND session_id IN ('s5', 's6', 's7', 's8') ORDER BY session_id, ts`,
      format: 'JSONCompactEachRow',
    });
    expect(await result.json()).toEqual([
      ['s5', 'Baidu', 'Baidu'],
      ['s6', 'Baidu', 'Baidu'],
      ['s7', 'Baidu', 'Baidu'],
      ['s7', 'Facebook', 'Baidu'],
      ['s8', 'example.org', 'example.org'],
    ]);
  });

  it('after a restart, recalls a running session’s entry from the store instead of starting over', async () => {
    await clickHouseInsert(ch)(TABLES.events, [view('s3', 0, { utm_source: 'newsletter', utm_campaign: 'launch' })]);
    const restarted = clickHouseInsert(ch);
    await restarted(TABLES.events, [view('s3', 10, fromSite)]);
    expect((await stored('s3')).map((r) => r[1])).toEqual(['newsletter', 'newsletter']);
  });

  it('treats a session first seen on an internal page as direct when nothing is stored for it', async () => {
    await clickHouseInsert(ch)(TABLES.events, [view('s4', 0, fromSite)]);
    expect(await stored('s4')).toEqual([['pageview', '(direct)', '']]);
  });
});
