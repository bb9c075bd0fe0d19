import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchAllRows } from '../../app/_components/fetch-all-rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { saveSite } from '../sites/site-service.ts';
import { blankEvent } from '../testing/fixture.ts';
import { EXPORT_CHUNK } from './list-page.ts';
import { adminCaller } from '../testing/admin-caller.ts';
import { testStore } from '../testing/test-store.ts';

// A CSV export used to stop silently at 10,000 rows. The screen now reads every chunk;
// here the same loop (fetchAllRows) reads a list of 50,000 visitors through the router.
const SITE = 'export-site';
const VISITORS = 50_000;
const NOW = Date.now();
const ch = testStore();

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Export', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  const rows = Array.from({ length: VISITORS }, (_, i) =>
    blankEvent({
      site_id: SITE,
      visitor_id: `xv-${String(i).padStart(6, '0')}`,
      session_id: `xs-${i}`,
      ts: NOW - 3_600_000 + i,
      type: 'pageview',
      path: '/',
      url: '/',
    }),
  );
  await clickHouseInsert(ch)(TABLES.events, rows);
}, 120_000);
afterAll(() => ch.close());

it('exports every row of a 50,000-row list, in chunks, reporting progress', async () => {
  const caller = adminCaller(ch);
  const progress: [number, number][] = [];
  const rows = await fetchAllRows(
    (chunk) =>
      caller.visitor.list({
        siteId: SITE,
        range: { preset: '7d' },
        filters: {},
        page: chunk,
        all: true,
        sort: 'firstSeen',
        order: 'asc',
      }),
    (done, total) => progress.push([done, total]),
  );
  expect(rows).toHaveLength(VISITORS);
  expect(new Set(rows.map((r) => r.visitorId)).size).toBe(VISITORS);
  expect(rows[0]?.visitorId).toBe('xv-000000');
  expect(rows.at(-1)?.visitorId).toBe(`xv-${String(VISITORS - 1).padStart(6, '0')}`);
  expect(progress).toHaveLength(Math.ceil(VISITORS / EXPORT_CHUNK));
  expect(progress.at(-1)).toEqual([VISITORS, VISITORS]);
}, 120_000);
