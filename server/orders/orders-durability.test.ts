import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { killUnderLoad } from '../testing/kill-under-load.ts';
import { tempDir } from '../testing/temp-dir.ts';

const SITE = 'kill-orders-site';
const SECRET = 'kill-orders-secret-0123456789abcdef';

const startServer = (dataDir: string) => startIngestServer(dataDir, SITE, ['--api-secret', SECRET]);

const postOrder = (base: string, orderId: string) =>
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify({
      site: SITE,
      orderId,
      status: 'paid',
      value: 10,
      currency: 'CNY',
      visitorId: 'visitor-kill-orders',
    }),
  });

// The order id is the shop's idempotency key: whatever a kill -9 interrupted, the shop's
// retry of every order it sent leaves each with exactly one order row and one event.
it('keeps one order and one event per order id when the server is killed with SIGKILL and the shop retries', async () => {
  const dataDir = tempDir('kill-orders');
  const { child, base } = await startServer(dataDir);

  const orderId = (n: number) => `K-${String(n).padStart(6, '0')}`;
  const { acked, sent: count } = await killUnderLoad(child, {
    workers: 16,
    ackedAtLeast: 20,
    send: async (n) => (await postOrder(base, orderId(n))).status === 200,
  });
  const sent = Array.from({ length: count }, (_, n) => orderId(n));
  expect(acked.length).toBeGreaterThan(5);

  const restarted = await startServer(dataDir);
  const retried = await Promise.all(
    sent.map(async (id) => [id, (await postOrder(restarted.base, id)).status] as const),
  );
  expect(retried.filter(([, status]) => status !== 200)).toEqual([]);
  const stopped = exited(restarted.child);
  restarted.child.kill('SIGTERM');
  await stopped;

  const ch = createClickHouse({ dataDir });
  try {
    const counts = async (query: string) =>
      new Map(
        (await (await ch.query({ query, format: 'JSONEachRow' })).json<{ id: string; n: string }>()).map((r) => [
          r.id,
          Number(r.n),
        ]),
      );
    const orders = await counts(`SELECT order_id AS id, count() AS n FROM ${TABLES.orders} FINAL GROUP BY id`);
    const events = await counts(
      `SELECT order_id AS id, count() AS n FROM ${TABLES.events} WHERE type = 'order' GROUP BY id`,
    );
    expect(sent.filter((id) => orders.get(id) !== 1)).toEqual([]);
    expect(sent.filter((id) => events.get(id) !== 1).map((id) => [id, events.get(id) ?? 0])).toEqual([]);
  } finally {
    await ch.close();
  }
}, 120_000);
