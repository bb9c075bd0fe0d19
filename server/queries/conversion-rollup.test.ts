import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { generateHistory } from '../demo/generate.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { refundLatestOrder } from '../testing/refund-latest-order.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { CONVERSION_DIMENSIONS } from '../contract/conversion.ts';
import { getConversionBreakdown } from './conversion-breakdown.ts';
import { getConversionFunnel } from './conversion-funnel.ts';
import { reportScope } from './fragments/report-scope.ts';
import { conversionSource } from './fragments/visitor-conversion.ts';
import { testStore } from '../testing/test-store.ts';

// Conversion reports read the conversion_quarters rollup (migration 0010), unless a session
// filter is set: then they read the events. On the demo generator's history (chats, leads, identified
// visitors, orders) plus a refund, both paths must give the same reports.
const ch = testStore();
const SITE = 'rollup-site';
const TZ = 'Asia/Shanghai';
const NOW = Date.UTC(2026, 10, 20, 12, 7);
const WINDOW = 7 * 86_400_000;

beforeAll(async () => {
  await migrate(ch);
  await generateHistory({ siteId: SITE, events: 30_000, days: 40, now: NOW, seed: 7, insert: clickHouseInsert(ch) });
  // The latest order is refunded afterwards: both paths must drop it.
  await refundLatestOrder(ch, SITE, NOW);
  // The generator makes no calls: two of three chats get an answered call half a minute in,
  // so the "called" bit is compared too (and the funnel's later steps are not all zero).
  await ch.command({
    query: `INSERT INTO ${TABLES.events} (event_id, site_id, visitor_id, session_id, ts, type, agent_id, chat_id, country, device)
            SELECT generateUUIDv4(), site_id, visitor_id, session_id, ts + INTERVAL 30 SECOND, 'call_answered', agent_id, chat_id, country, device
            FROM ${TABLES.events}
            WHERE site_id = {s:String} AND type = 'chat_started' AND cityHash64(chat_id) % 3 != 0`,
    query_params: { s: SITE },
  });
}, 60_000);
afterAll(() => ch.close());

describe('conversion rollup', () => {
  const range = resolveRange({ preset: '30d' }, TZ, NOW);
  const rollup = reportScope(SITE, range.from, range.to, {});
  const events = { ...rollup, sessionFiltered: true };
  const cnMobile = reportScope(SITE, range.from, range.to, { country: 'CN', device: 'mobile' });
  const cnMobileEvents = { ...cnMobile, sessionFiltered: true };

  it('is read for whole quarters without session filters', () => {
    expect(conversionSource(rollup)).toBe('rollup');
    expect(conversionSource(cnMobile)).toBe('rollup');
    expect(conversionSource(events)).toBe('events');
    expect(conversionSource(reportScope(SITE, range.from, range.to, { source: 'baidu' }))).toBe('events');
    expect(conversionSource(reportScope(SITE, range.from, range.to, { page: '/pricing' }))).toBe('events');
    expect(conversionSource(reportScope(SITE, range.from + 60_000, range.to, {}))).toBe('events');
  });

  it('gives the funnel and every breakdown the events give', async () => {
    const funnel = await getConversionFunnel(ch, rollup, WINDOW);
    // The history has every step, so the comparison covers more than zeros.
    expect(funnel.invited.ordered).toBeGreaterThan(0);
    expect(funnel.invited.called).toBeLessThan(funnel.invited.chatted);
    expect(funnel.asked.asked).toBeGreaterThan(0);
    expect(funnel.chatted.revenue.length).toBeGreaterThan(0);
    expect(funnel).toEqual(await getConversionFunnel(ch, events, WINDOW));
    for (const dimension of CONVERSION_DIMENSIONS) {
      expect(await getConversionBreakdown(ch, rollup, dimension, WINDOW), dimension).toEqual(
        await getConversionBreakdown(ch, events, dimension, WINDOW),
      );
    }
  });

  it('keeps the country and device filters exactly', async () => {
    const funnel = await getConversionFunnel(ch, cnMobile, WINDOW);
    expect(funnel.invited.visitors).toBeGreaterThan(0);
    expect(funnel.invited.visitors).toBeLessThan((await getConversionFunnel(ch, rollup, WINDOW)).invited.visitors);
    expect(funnel).toEqual(await getConversionFunnel(ch, cnMobileEvents, WINDOW));
    for (const dimension of CONVERSION_DIMENSIONS) {
      expect(await getConversionBreakdown(ch, cnMobile, dimension, WINDOW), dimension).toEqual(
        await getConversionBreakdown(ch, cnMobileEvents, dimension, WINDOW),
      );
    }
  });

  it('counts two anonymous visitors an identity joins as one person in both', async () => {
    const r = await ch.query({
      query: `SELECT visitor_id FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'pageview' AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})
                AND visitor_id NOT IN (SELECT visitor_id FROM ${TABLES.identities} WHERE site_id = {s:String})
              GROUP BY visitor_id ORDER BY visitor_id LIMIT 2`,
      query_params: { s: SITE, from: range.from, to: range.to },
      format: 'JSONEachRow',
    });
    const pair = (await r.json<{ visitor_id: string }>()).map((row) => row.visitor_id);
    expect(pair).toHaveLength(2);
    const before = await getConversionFunnel(ch, rollup, WINDOW);
    await ch.insert({
      table: TABLES.identities,
      values: pair.map((visitor_id) => ({
        site_id: SITE,
        visitor_id,
        person_id: 'joined-person',
        name: 'Joined',
        email: 'joined@example.com',
        phone: '',
        updated_at: NOW,
      })),
      format: 'JSONEachRow',
    });
    const after = await getConversionFunnel(ch, rollup, WINDOW);
    expect(after.invited.visitors).toBe(before.invited.visitors - 1);
    expect(after).toEqual(await getConversionFunnel(ch, events, WINDOW));
  });

  it('drops a refunded order from both', async () => {
    const r = await ch.query({
      query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'order' AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})
                AND order_id NOT IN (SELECT order_id FROM ${TABLES.orders} FINAL WHERE site_id = {s:String} AND status = 'refunded')`,
      query_params: { s: SITE, from: range.from, to: range.to },
      format: 'JSONEachRow',
    });
    const [{ n } = { n: 0 }] = await r.json<{ n: number }>();
    const funnel = await getConversionFunnel(ch, rollup, WINDOW);
    expect(funnel.chatted.orders + funnel.notChatted.orders).toBe(Number(n));
  });
});
