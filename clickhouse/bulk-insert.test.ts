import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, forgetColumns } from './bulk-insert.ts';
import { migrate } from './migrate.ts';
import { blankEvent, type EventRow, type OrderRow } from './rows.ts';
import { TABLES } from './tables.ts';
import { testStore } from '../server/testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const awkward = 'quote " apostrophe \' backslash \\ tab \t newline \n 中文 emoji 😀 dollar $$';

function event(site: string, over: Partial<EventRow>): EventRow {
  return blankEvent({
    site_id: site,
    ts: Date.UTC(2026, 10, 3, 4, 5, 6, 789),
    type: 'custom',
    visitor_id: 'v-1',
    session_id: 's-1',
    ...over,
  });
}

async function stored(site: string) {
  const r = await ch.query({
    query: `SELECT * EXCEPT site_id, toUnixTimestamp64Milli(ts) AS ms, session_key, visitor_key FROM ${TABLES.events} WHERE site_id = {site:String} ORDER BY event_id`,
    query_params: { site },
    format: 'JSONEachRow',
  });
  return r.json();
}

describe('bulkInsert', () => {
  it('stores every column exactly as the stock JSONEachRow insert does', async () => {
    const rows = (site: string): EventRow[] => [
      event(site, {
        event_id: '00000000-0000-4000-8000-000000000001',
        title: awkward,
        props: { plan: 'pro', note: awkward },
        engaged_ms: 4_294_967_295,
        revenue: 1234.56,
        currency: 'CNY',
        order_id: 'o-1',
      }),
      // No session columns given: they take their defaults.
      event(site, {
        event_id: '00000000-0000-4000-8000-000000000002',
        type: 'pageview',
        path: '/a',
        url: '/a?x=1',
        session_source: 'google',
        session_campaign: 'spring',
      }),
    ];
    await bulkInsert(ch, TABLES.events, rows('bulk'));
    await ch.insert({ table: TABLES.events, values: rows('stock'), format: 'JSONEachRow' });
    const bulk = await stored('bulk');
    expect(bulk).toEqual(await stored('stock'));
    expect(bulk).toHaveLength(2);
    expect(bulk[0]).toMatchObject({
      title: awkward,
      props: { plan: 'pro', note: awkward },
      ms: Date.UTC(2026, 10, 3, 4, 5, 6, 789),
      revenue: 1234.56,
      session_source: '',
    });
  });

  it('leaves no hand-over file behind, also when the insert fails', async () => {
    const order = {
      site_id: 'x',
      order_id: 'o',
      visitor_id: 'v',
      person_id: 'v',
      email: '',
      phone: '',
      value: 1,
      currency: 'USD',
      status: 'placed',
      origin: 'api',
      created_at: 0,
      updated_at: 0,
    } satisfies OrderRow;
    await bulkInsert(ch, TABLES.orders, [order]);
    await expect(bulkInsert(ch, TABLES.orders, [{ ...order, created_at: 'not a time' }])).rejects.toThrow();
    const dir = `/dev/shm/leadtrail-insert-${process.pid}`;
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes what a killed process left in its hand-over directory, and only that', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    const orphan = `/dev/shm/leadtrail-insert-${dead}`;
    mkdirSync(orphan, { recursive: true });
    writeFileSync(`${orphan}/events-1.jsonl`, '[]');
    execFileSync(process.execPath, [
      '--import',
      'tsx',
      '-e',
      "import('./clickhouse/client.ts').then((m) => m.createClickHouse({ dataDir: ':memory:' }).close())",
    ]);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(`/dev/shm/leadtrail-insert-${process.pid}`)).toBe(true);
  });

  it('writes a column added after its first insert into a table once the columns are forgotten, as migrate() does', async () => {
    await ch.command({ query: 'CREATE TABLE grow (a String) ENGINE = MergeTree ORDER BY a' });
    await bulkInsert(ch, 'grow', [{ a: 'before' }]);
    await ch.command({ query: "ALTER TABLE grow ADD COLUMN b String DEFAULT 'default'" });
    forgetColumns(ch);
    await bulkInsert(ch, 'grow', [{ a: 'after', b: 'given' }]);
    const rows = await (await ch.query({ query: 'SELECT a, b FROM grow ORDER BY a', format: 'JSONEachRow' })).json();
    expect(rows).toEqual([
      { a: 'after', b: 'given' },
      { a: 'before', b: 'default' },
    ]);
  });

  it('does nothing for no rows', async () => {
    await expect(bulkInsert(ch, TABLES.events, [])).resolves.toBeUndefined();
  });
});
