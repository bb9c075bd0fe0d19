import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { BatchWriter } from './batch-writer.ts';
import { clickHouseStore } from './clickhouse-insert.ts';
import type { Enriched } from './enrich.ts';
import { DeadLetters } from './dead-letter.ts';
import { Journal } from './journal.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

async function count(table: string): Promise<number> {
  const r = await ch.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' });
  return Number((await r.json<{ n: string }>())[0]?.n);
}

const rows: Enriched = {
  events: [0, 1, 2].map((i) =>
    blankEvent({
      site_id: 'replay-site',
      ts: Date.UTC(2026, 10, 27, 10, i),
      event_id: randomUUID(),
      type: 'pageview',
      visitor_id: 'v1',
      session_id: 's1',
    }),
  ),
  bots: [
    {
      site_id: 'replay-site',
      ts: Date.UTC(2026, 10, 27, 10, 5),
      type: 'pageview',
      path: '/',
      user_agent: 'Googlebot/2.1',
      reason: 'crawler',
      country: 'US',
    },
  ],
  identities: [],
  orders: [],
};

// A process killed after a segment's insert returned and before the segment was removed
// leaves rows behind that are stored already: loading them again must store nothing twice.
it('stores a journal segment once even when it is loaded again after its insert', async () => {
  const dir = tempDir('journal');
  const journal = new Journal(dir);
  const segment = journal.open();
  await journal.append(segment, rows);
  journal.close(segment);
  const [file] = readdirSync(dir);
  const content = readFileSync(join(dir, String(file)), 'utf8');

  const writer = () =>
    new BatchWriter(clickHouseStore(ch), new Journal(dir), {
      flushMs: 1,
      maxRows: 1000,
      maxPending: 10_000,
      deadLetters: new DeadLetters(`${dir}-dead-letter`),
    });
  expect(await writer().recover()).toEqual({ stored: 4, setAside: 0, kept: 0 });
  expect(readdirSync(dir)).toEqual([]);

  writeFileSync(join(dir, String(file)), content);
  expect(await writer().recover()).toEqual({ stored: 4, setAside: 0, kept: 0 });
  expect(readdirSync(dir)).toEqual([]);
  expect(await count(TABLES.events)).toBe(3);
  expect(await count(TABLES.botEvents)).toBe(1);
  // The conversion rollup sums what its view is fed: the repeated block must not reach it either.
  const r = await ch.query({
    query: `SELECT sum(pageviews) AS n FROM ${TABLES.conversionQuarters}`,
    format: 'JSONEachRow',
  });
  expect(await r.json()).toEqual([{ n: 3 }]);
  const sessions = await ch.query({
    query: `SELECT sum(pageviews) AS n FROM ${TABLES.sessionQuarters}`,
    format: 'JSONEachRow',
  });
  expect(await sessions.json()).toEqual([{ n: 3 }]);
});

// A journal left by a version that let poison through (a lone surrogate; a value of the
// wrong type) once made every start abort while replaying it.
it('stores what it can of a poisoned segment at start, sets aside the rest and says so', async () => {
  const dir = tempDir('journal');
  const journal = new Journal(dir);
  const segment = journal.open();
  const event = (minute: number, extra: object) =>
    blankEvent({
      site_id: 'poison-site',
      ts: Date.UTC(2026, 10, 27, 11, minute),
      event_id: randomUUID(),
      type: 'pageview',
      visitor_id: 'v9',
      session_id: 's9',
      ...extra,
    });
  const poisoned: Enriched = {
    events: [
      event(0, { path: '/before' }),
      event(1, { title: 'half an emoji \ud83d' }),
      { ...event(2, { path: '/refused' }), ts: 'not a time' } as never,
      event(3, { path: '/after' }),
    ],
    bots: [],
    identities: [],
    orders: [],
  };
  await journal.append(segment, poisoned);
  journal.close(segment);

  const letters = new DeadLetters(`${dir}-dead-letter`);
  const writer = new BatchWriter(clickHouseStore(ch), new Journal(dir), {
    flushMs: 1,
    maxRows: 1000,
    maxPending: 10_000,
    deadLetters: letters,
  });
  expect(await writer.recover()).toEqual({ stored: 3, setAside: 1, kept: 0 });
  expect(readdirSync(dir)).toEqual([]);
  const r = await ch.query({
    query: `SELECT path, title FROM ${TABLES.events} WHERE site_id = 'poison-site' ORDER BY ts`,
    format: 'JSONEachRow',
  });
  const stored = await r.json<{ path: string; title: string }>();
  expect(stored.map((e) => e.path)).toEqual(['/before', '/', '/after']);
  expect(stored[1]?.title).toBe('half an emoji \ufffd');
  expect(letters.total).toBe(1);
  expect(new DeadLetters(letters.dir).total).toBe(1);
});
