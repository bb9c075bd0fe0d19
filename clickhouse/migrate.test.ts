import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouse } from './client.ts';
import { forCluster, loadMigrations, migrate, splitStatements } from './migrate.ts';
import { blankEvent, type EventRow } from './rows.ts';
import { TABLES } from './tables.ts';

const ch = createClickHouse({ dataDir: ':memory:' });
afterAll(() => ch.close());

describe('migrate', () => {
  it('creates every table once and records what it applied', async () => {
    const first = await migrate(ch);
    expect(first).toEqual(loadMigrations().map((m) => m.name));
    expect(await migrate(ch)).toEqual([]);
    const result = await ch.query({
      query: 'SELECT name FROM system.tables WHERE database = currentDatabase()',
      format: 'JSONEachRow',
    });
    const tables = (await result.json<{ name: string }>()).map((r) => r.name);
    expect(tables.sort()).toEqual(Object.values(TABLES).sort());
  });

  it('numbers migrations without gaps', () => {
    expect(loadMigrations().map((m) => m.version)).toEqual(loadMigrations().map((_, i) => i + 1));
  });

  it('splits statements on line-ending semicolons and drops comments', () => {
    expect(splitStatements('-- a; comment\nCREATE TABLE a (x String);\n\nCREATE TABLE b (y String);\n')).toEqual([
      'CREATE TABLE a (x String)',
      'CREATE TABLE b (y String)',
    ]);
  });

  it('rewrites DDL for a cluster', () => {
    const ddl = 'CREATE TABLE IF NOT EXISTS leads\n(x String)\nENGINE = ReplacingMergeTree(updated_at)\nORDER BY x';
    expect(forCluster(ddl, 'lt')).toBe(
      'CREATE TABLE IF NOT EXISTS leads ON CLUSTER lt\n(x String)\nENGINE = ReplicatedReplacingMergeTree(updated_at)\nORDER BY x',
    );
    expect(forCluster(ddl, undefined)).toBe(ddl);
    expect(forCluster('ALTER TABLE events ADD COLUMN x UInt8', 'lt')).toBe(
      'ALTER TABLE events ON CLUSTER lt ADD COLUMN x UInt8',
    );
    expect(forCluster('CREATE MATERIALIZED VIEW IF NOT EXISTS v TO t AS SELECT 1', 'lt')).toBe(
      'CREATE MATERIALIZED VIEW IF NOT EXISTS v ON CLUSTER lt TO t AS SELECT 1',
    );
    expect(forCluster('DROP VIEW IF EXISTS v', 'lt')).toBe('DROP VIEW IF EXISTS v ON CLUSTER lt');
    expect(forCluster('DROP TABLE IF EXISTS t', 'lt')).toBe('DROP TABLE IF EXISTS t ON CLUSTER lt');
  });
});

describe('migration 0007 on a store with page views from before it', () => {
  const store = createClickHouse({ dataDir: ':memory:' });
  afterAll(() => store.close());

  it('gives every stored page view its session’s entry source and campaign', async () => {
    await migrate(store);
    const view = (session: string, minute: number, over: Partial<EventRow>) =>
      blankEvent({
        site_id: 'm7',
        ts: Date.UTC(2026, 10, 1, 9, minute),
        type: 'pageview',
        visitor_id: `v-${session}`,
        session_id: session,
        ...over,
      });
    // Written straight to the table, as before the migration: no session columns.
    await store.insert({
      table: TABLES.events,
      values: [
        view('a', 1, { referrer_domain: 'google.com', utm_campaign: 'spring' }),
        view('a', 2, { referrer: 'https://shop.example/' }),
        view('b', 3, {}),
        blankEvent({
          site_id: 'm7',
          ts: Date.UTC(2026, 10, 1, 9, 4),
          type: 'engagement',
          visitor_id: 'v-b',
          session_id: 'b',
        }),
      ],
      format: 'JSONEachRow',
    });
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 7 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0007_add_session_entry']);
    const result = await store.query({
      query: `SELECT session_id, type, session_source, session_campaign FROM ${TABLES.events} WHERE site_id = 'm7' ORDER BY ts`,
      format: 'JSONCompactEachRow',
    });
    expect(await result.json()).toEqual([
      ['a', 'pageview', 'google.com', 'spring'],
      ['a', 'pageview', 'google.com', 'spring'],
      ['b', 'pageview', '(direct)', ''],
      ['b', 'engagement', '', ''],
    ]);
  });
});

describe('migration 0010 on a store with events from before it', () => {
  const store = createClickHouse({ dataDir: ':memory:' });
  afterAll(() => store.close());

  it('fills the conversion rollup from the stored events through the view’s own query', async () => {
    await migrate(store);
    await store.command({ query: `DROP VIEW ${TABLES.conversionQuartersView}` });
    await store.command({ query: `DROP TABLE ${TABLES.conversionQuarters}` });
    const at = (minute: number, type: string, over: Partial<EventRow> = {}) =>
      blankEvent({
        site_id: 'm10',
        ts: Date.UTC(2026, 10, 1, 9, minute),
        type,
        visitor_id: 'v1',
        session_id: 's1',
        ...over,
      });
    await store.insert({
      table: TABLES.events,
      values: [
        at(1, 'pageview', { path: '/a', utm_campaign: 'spring' }),
        at(2, 'pageview', { path: '/b' }),
        at(3, 'engagement', { engaged_ms: 4000 }),
        at(20, 'chat_started', { agent_id: 'a1' }),
      ],
      format: 'JSONEachRow',
    });
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 10 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0010_create_conversion_quarters']);
    const result = await store.query({
      query: `SELECT toMinute(quarter), sum(pageviews), sum(attention_ms), groupBitOr(flags), min(first_touch).landing, min(first_touch).campaign
              FROM ${TABLES.conversionQuarters} WHERE site_id = 'm10' GROUP BY quarter ORDER BY quarter`,
      format: 'JSONCompactEachRow',
    });
    expect(await result.json()).toEqual([
      [0, 2, 4000, 0, '/a', 'spring'],
      [15, 0, 0, 8, '', ''],
    ]);
  });
});

describe('migration 0033 on a store with answered calls from before it', () => {
  const store = createClickHouse({ dataDir: ':memory:' });
  afterAll(() => store.close());

  it('widens the flags and sets the "called" bit (256) of calls answered before', async () => {
    await migrate(store);
    const at = (minute: number, type: string) =>
      blankEvent({ site_id: 'm33', ts: Date.UTC(2026, 10, 1, 9, minute), type, visitor_id: 'v1', session_id: 's1' });
    await store.insert({
      table: TABLES.events,
      values: [at(1, 'pageview'), at(2, 'chat_started'), at(20, 'call_requested'), at(21, 'call_answered')],
      format: 'JSONEachRow',
    });
    // As if stored before 0033: the rollup of this site had no "called" bit.
    await store.command({
      query: `ALTER TABLE ${TABLES.conversionQuarters} DELETE WHERE site_id = 'm33' AND flags >= 256 SETTINGS mutations_sync = 1`,
    });
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 33 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0033_flag_called']);
    const result = await store.query({
      query: `SELECT toMinute(quarter), groupBitOr(flags), toTypeName(any(flags))
              FROM ${TABLES.conversionQuarters} WHERE site_id = 'm33' GROUP BY quarter ORDER BY quarter`,
      format: 'JSONCompactEachRow',
    });
    expect(await result.json()).toEqual([
      [0, 8, 'SimpleAggregateFunction(groupBitOr, UInt16)'],
      [15, 256, 'SimpleAggregateFunction(groupBitOr, UInt16)'],
    ]);
  });
});

describe('migration 0042 on a store with page views from before it', () => {
  const store = createClickHouse({ dataDir: ':memory:' });
  afterAll(() => store.close());

  it('fills the retention rollup from the stored page views', async () => {
    await migrate(store);
    await store.command({ query: `DROP VIEW ${TABLES.visitorViewQuartersView}` });
    await store.command({ query: `DROP TABLE ${TABLES.visitorViewQuarters}` });
    const at = (minute: number, type: string, visitor: string) =>
      blankEvent({
        site_id: 'm47',
        ts: Date.UTC(2026, 10, 1, 9, minute, 7),
        type,
        visitor_id: visitor,
        session_id: `s-${visitor}`,
      });
    await store.insert({
      table: TABLES.events,
      values: [at(31, 'pageview', 'v1'), at(1, 'pageview', 'v1'), at(2, 'pageview', 'v1'), at(0, 'custom', 'v2')],
      format: 'JSONEachRow',
    });
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 42 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0042_create_visitor_view_quarters']);
    // v1's quarters 09:00 (first view 09:01:07) and 09:30; v2 has no page view.
    const result = await store.query({
      query: `SELECT visitor_key = cityHash64('v1'), toMinute(quarter), toString(min(first_ts))
              FROM ${TABLES.visitorViewQuarters} WHERE site_id = 'm47' GROUP BY visitor_key, quarter ORDER BY quarter`,
      format: 'JSONCompactEachRow',
    });
    expect(await result.json()).toEqual([
      [1, 0, '2026-11-01 09:01:07.000'],
      [1, 30, '2026-11-01 09:31:07.000'],
    ]);
  });
});
