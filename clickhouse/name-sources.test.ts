import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseInsert } from '../server/ingest/clickhouse-insert.ts';
import { getConversionBreakdown } from '../server/queries/conversion-breakdown.ts';
import { reportScope } from '../server/queries/fragments/report-scope.ts';
import { conversionSource } from '../server/queries/fragments/visitor-conversion.ts';
import { getOverviewKpis } from '../server/queries/overview-kpis.ts';
import { getSessionAttribute } from '../server/queries/session-attribute.ts';
import { createClickHouse } from './client.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { blankEvent, type EventRow } from './rows.ts';
import { TABLES } from './tables.ts';

// Migration 0015 on a store written before sources had names: the page views carry the old
// entry source (utm_source, else referrer domain, else (direct)) and the conversion rollup's
// view wrote the same into each first touch. After it, every report reads one name per source.
const SITE = 'm15';
const T = Date.UTC(2026, 10, 1, 9, 0);
const MIN = 60_000;
const store = createClickHouse({ dataDir: ':memory:' });
afterAll(() => store.close());

const oldSource = (e: EventRow) => e.utm_source || e.referrer_domain || '(direct)';
/** One session as the old ingest stored it: the landing's source copied onto its page views. */
function session(visitor: string, id: string, minute: number, landing: Partial<EventRow>, views = 1): EventRow[] {
  const rows = Array.from({ length: views }, (_, k) =>
    blankEvent({
      site_id: SITE,
      visitor_id: visitor,
      session_id: id,
      type: 'pageview',
      ts: T + (minute + k) * MIN,
      path: `/p${k}`,
      ...(k === 0 ? landing : { referrer: 'https://shop.example/' }),
    }),
  );
  return rows.map((r) => ({ ...r, session_source: oldSource(rows[0]!), session_campaign: rows[0]!.utm_campaign }));
}

// Three spellings of Baidu over three visitors and four sessions, two of Google, an unknown
// host with m., a direct visit. Written by hand: the names below are what a person reads.
const OLD = [
  ...session(
    'v1',
    's1',
    0,
    { utm_source: 'baidu', referrer: 'https://www.baidu.com/s', referrer_domain: 'baidu.com', utm_campaign: 'spring' },
    2,
  ),
  ...session('v1', 's1b', 40, { referrer: 'https://baidu.com/', referrer_domain: 'baidu.com' }),
  ...session('v2', 's2', 5, { referrer: 'https://baidu.com/s', referrer_domain: 'baidu.com' }, 3),
  ...session('v3', 's3', 7, { referrer: 'https://m.baidu.com/s', referrer_domain: 'm.baidu.com' }),
  ...session('v4', 's4', 9, { referrer: 'https://www.google.com/', referrer_domain: 'google.com' }),
  ...session('v5', 's5', 11, { utm_source: 'google', utm_medium: 'cpc' }),
  ...session('v6', 's6', 13, { referrer: 'https://m.example.org/a', referrer_domain: 'm.example.org' }),
  ...session('v7', 's7', 15, {}),
  blankEvent({
    site_id: SITE,
    visitor_id: 'v2',
    session_id: 's2',
    type: 'chat_started',
    ts: T + 8 * MIN,
    chat_id: 'c2',
    agent_id: 'a',
  }),
];
const EXPECTED = [
  { value: 'Baidu', visitors: 3, sessions: 4 },
  { value: 'Google', visitors: 2, sessions: 2 },
  { value: '(direct)', visitors: 1, sessions: 1 },
  { value: 'example.org', visitors: 1, sessions: 1 },
];
const FROM = T - 60 * MIN;
const TO = T + 120 * MIN;

beforeAll(async () => {
  await migrate(store);
  // Back to the store as it was before 0015: no named source, the rollup's old view.
  await store.command({ query: `DROP VIEW ${TABLES.conversionQuartersView}` });
  await store.command({ query: `ALTER TABLE ${TABLES.events} DROP COLUMN source` });
  const oldView = loadMigrations()
    .find((m) => m.version === 10)!
    .statements.find((s) => s.startsWith('CREATE MATERIALIZED VIEW'))!;
  await store.command({ query: oldView });
  await store.command({
    // 0047 rebuilds the session rollup from the events, which in a store this old comes after 0015.
    query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version IN (15, 47) SETTINGS mutations_sync = 1`,
  });
  await store.insert({ table: TABLES.events, values: OLD.map(({ source: _, ...row }) => row), format: 'JSONEachRow' });
}, 60_000);

describe('migration 0015', () => {
  it('names the stored sources: the old rows read before it as three Baidus', async () => {
    const before = await store.query({
      query: `SELECT DISTINCT first_touch.source AS s FROM ${TABLES.conversionQuarters} WHERE site_id = {s:String} ORDER BY s`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect((await before.json<{ s: string }>()).map((r) => r.s)).toEqual([
      '(direct)',
      'baidu',
      'baidu.com',
      'google',
      'google.com',
      'm.baidu.com',
      'm.example.org',
    ]);
    expect(await migrate(store)).toEqual(['0015_name_sources', '0047_add_session_entry_source']);
  });

  it('gives the sources list one row per source with the summed visitors and sessions', async () => {
    expect(await getSessionAttribute(store, reportScope(SITE, FROM, TO, {}), 'source')).toEqual(EXPECTED);
  });

  it('gives conversion by source the same names from the rollup and from the events', async () => {
    const scope = reportScope(SITE, FROM, TO, {});
    expect(conversionSource(scope)).toBe('rollup');
    const rollup = await getConversionBreakdown(store, scope, 'source', 0);
    const events = await getConversionBreakdown(store, { ...scope, sessionFiltered: true }, 'source', 0);
    expect(rollup).toEqual(events);
    expect(rollup.map((r) => [r.value, r.visitors, r.chatted]).sort()).toEqual([
      ['(direct)', 1, 0],
      ['Baidu', 3, 1],
      ['Google', 2, 0],
      ['example.org', 1, 0],
    ]);
  });

  it('filters by source under the new name and under any old spelling of it', async () => {
    for (const source of ['Baidu', 'baidu', 'baidu.com', 'm.baidu.com']) {
      const kpis = await getOverviewKpis(store, reportScope(SITE, FROM, TO, { source }));
      expect({ source, visitors: kpis.visitors, sessions: kpis.sessions }).toEqual({
        source,
        visitors: 3,
        sessions: 4,
      });
    }
  });

  it('leaves the raw referrer and UTM columns as they were', async () => {
    const r = await store.query({
      query: `SELECT session_id, utm_source, referrer_domain, referrer FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'pageview' ORDER BY ts, path`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    const byTime = [...OLD]
      .filter((e) => e.type === 'pageview')
      .sort((a, b) => a.ts - b.ts || a.path.localeCompare(b.path));
    expect(await r.json()).toEqual(
      byTime.map((e) => ({
        session_id: e.session_id,
        utm_source: e.utm_source,
        referrer_domain: e.referrer_domain,
        referrer: e.referrer,
      })),
    );
  });

  it('names new page views at ingest the same way, in the events and in the rollup', async () => {
    await clickHouseInsert(store)(
      TABLES.events,
      session('v8', 's8', 20, { referrer: 'https://m.baidu.com/', referrer_domain: 'm.baidu.com' }),
    );
    const scope = reportScope(SITE, FROM, TO, {});
    expect((await getSessionAttribute(store, scope, 'source'))[0]).toEqual({
      value: 'Baidu',
      visitors: 4,
      sessions: 5,
    });
    const rollup = await getConversionBreakdown(store, scope, 'source', 0);
    expect(rollup.find((r) => r.value === 'Baidu')?.visitors).toBe(4);
    expect(rollup).toEqual(await getConversionBreakdown(store, { ...scope, sessionFiltered: true }, 'source', 0));
  });
});
