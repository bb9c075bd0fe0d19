import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkInsert } from '../../clickhouse/bulk-insert.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { reconcileOrders } from './known-orders.ts';
import { testStore } from '../testing/test-store.ts';

// A journaled order report stored again after a crash, at each point the crash could land:
// after its event and before its row, and after both (before the journal segment was removed).
const ch = testStore();
const report: OrderRow = {
  site_id: 'replay-site',
  order_id: 'R-1',
  visitor_id: 'visitor-replay-1',
  person_id: '',
  email: '',
  phone: '',
  value: 42,
  currency: 'EUR',
  status: 'paid',
  origin: 'api',
  created_at: Date.now(),
  updated_at: Date.now(),
};

beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const count = async (query: string) =>
  Number((await (await ch.query({ query, format: 'JSONEachRow' })).json<{ n: string }>())[0]?.n);

it('writes one event and one order however often a report is stored again', async () => {
  await reconcileOrders(ch, [report]); // crash: the event is in, the row never was
  // The visitor browses on before the restart: the event made again differs from the stored one.
  const pageview = blankEvent({
    site_id: 'replay-site',
    ts: Date.now(),
    type: 'pageview',
    visitor_id: 'visitor-replay-1',
    session_id: 'later-session',
    event_id: '00000000-0000-4000-8000-000000000001',
  });
  await bulkInsert(ch, TABLES.events, [pageview]);
  const rows = await reconcileOrders(ch, [report]);
  await bulkInsert(ch, TABLES.orders, rows);
  await bulkInsert(ch, TABLES.orders, await reconcileOrders(ch, [report])); // crash before the segment was removed
  expect(await count(`SELECT count() AS n FROM ${TABLES.events} WHERE type = 'order'`)).toBe(1);
  expect(await count(`SELECT count() AS n FROM ${TABLES.orders} FINAL WHERE order_id = 'R-1'`)).toBe(1);
});
