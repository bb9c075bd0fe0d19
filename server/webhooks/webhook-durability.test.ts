import { createHmac } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { killUnderLoad } from '../testing/kill-under-load.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { saveWebhook } from './subscription-service.ts';

// The outbox's promise: an order the API acknowledged has its order.created webhook on disk
// already, so kill -9 of the server loses none; the next start delivers every one.
const SITE = 'kill-webhooks-site';
const SECRET = 'kill-webhooks-secret-0123456789abcdef';

const startServer = (dataDir: string) =>
  startIngestServer(dataDir, SITE, ['--api-secret', SECRET, '--webhooks-allow-private']);

const postOrder = (base: string, orderId: string) =>
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify({ site: SITE, orderId, status: 'paid', value: 10, currency: 'CNY' }),
  });

it('delivers the order.created webhook of every acknowledged order across a kill -9 and a restart', async () => {
  const dataDir = tempDir('kill-webhooks');
  // Every event's first attempt fails, so events are still in the outbox when the kill lands.
  const tries = new Map<string, number>();
  const receiver = await startReceiver((r) => {
    const id = String(r.headers['leadtrail-event-id']);
    tries.set(id, (tries.get(id) ?? 0) + 1);
    return { status: tries.get(id) === 1 ? 500 : 200 };
  });
  const setup = createClickHouse({ dataDir });
  await migrate(setup);
  const { secret } = await saveWebhook(setup, SITE, { url: receiver.url, events: ['order.created'], enabled: true });
  await setup.close();

  const { child, base } = await startServer(dataDir);
  const orderId = (n: number) => `W-${String(n).padStart(6, '0')}`;
  const { acked: ackedN } = await killUnderLoad(child, {
    workers: 8,
    ackedAtLeast: 20,
    send: async (n) => (await postOrder(base, orderId(n))).status === 200,
  });
  const acked = ackedN.map(orderId);
  const outbox = join(dataDir, 'webhook-outbox');
  const left = ['events', 'deliveries']
    .map((d) => join(outbox, d))
    .filter(existsSync)
    .reduce((n, d) => n + readdirSync(d).length, 0);

  const restarted = await startServer(dataDir);
  try {
    const deliveredOrders = () =>
      new Set(
        receiver.received
          .filter((r) => r.headers['leadtrail-event-type'] === 'order.created')
          .map((r) => (JSON.parse(r.body) as { data: { order_id: string } }).data.order_id),
      );
    await expect
      .poll(() => acked.filter((id) => !deliveredOrders().has(id)), { interval: 200, timeout: 60_000 })
      .toEqual([]);
  } finally {
    const stopped = exited(restarted.child);
    restarted.child.kill('SIGTERM');
    await stopped;
    await receiver.close();
  }
  expect(left).toBeGreaterThan(0);
  // Every request is signed with the subscription's secret, and one event id is one order.
  const orderOf = new Map<string, string>();
  for (const r of receiver.received) {
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['leadtrail-signature']));
    expect(
      m &&
        createHmac('sha256', secret ?? '')
          .update(`${m[1]}.${r.body}`)
          .digest('hex') === m[2],
    ).toBe(true);
    const body = JSON.parse(r.body) as { id: string; data: { order_id: string } };
    expect(orderOf.get(body.id) ?? body.data.order_id).toBe(body.data.order_id);
    orderOf.set(body.id, body.data.order_id);
  }
}, 180_000);
