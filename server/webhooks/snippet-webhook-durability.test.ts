import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { collect } from '../testing/http.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { killUnderLoad } from '../testing/kill-under-load.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { saveWebhook } from './subscription-service.ts';

// Issue 17: the snippet's orders and identify events had their webhook published once the
// store had them, after the 202; kill -9 in between lost it for good (the journal's replay
// stores the rows but runs no onStored). Now the outbox holds the event before the 202, as
// for API orders: every acknowledged one is delivered after a kill -9 and a restart.
const SITE = 'kill-snippet-webhooks';

const startServer = (dataDir: string) => startIngestServer(dataDir, SITE, ['--webhooks-allow-private']);

const send = (base: string, n: string) =>
  collect(base, {
    site: SITE,
    visitorId: `visitor-${n}`,
    sessionId: `session-${n}`,
    events: [
      { type: 'identify', url: 'https://bench.example/checkout', email: `buyer-${n}@example.com` },
      { type: 'order', url: 'https://bench.example/thanks', orderId: `S-${n}`, value: 10, currency: 'CNY' },
    ],
  });

it('delivers order.created and person.identified of every acknowledged snippet request across a kill -9', async () => {
  const dataDir = tempDir('kill-snippet-webhooks');
  const receiver = await startReceiver(() => ({ status: 200 }));
  const setup = createClickHouse({ dataDir });
  await migrate(setup);
  await saveWebhook(setup, SITE, {
    url: receiver.url,
    events: ['order.created', 'person.identified'],
    enabled: true,
  });
  await setup.close();

  const { child, base } = await startServer(dataDir);
  const { acked: ackedN } = await killUnderLoad(child, {
    workers: 4,
    ackedAtLeast: 20,
    send: async (n) => (await send(base, String(n).padStart(6, '0'))).status === 202,
  });
  const acked = ackedN.map((n) => String(n).padStart(6, '0'));

  const restarted = await startServer(dataDir);
  const delivered = (type: string, key: (data: Record<string, string>) => string) =>
    new Set(
      receiver.received
        .filter((r) => r.headers['leadtrail-event-type'] === type)
        .map((r) => key((JSON.parse(r.body) as { data: Record<string, string> }).data)),
    );
  try {
    await expect
      .poll(
        () => {
          const orders = delivered('order.created', (d) => d['order_id'] ?? '');
          const people = delivered('person.identified', (d) => d['email'] ?? '');
          return acked.filter((n) => !orders.has(`S-${n}`) || !people.has(`buyer-${n}@example.com`));
        },
        // Deliveries retry with back-off; on a loaded machine the first tries may time out.
        { interval: 500, timeout: 150_000 },
      )
      .toEqual([]);
  } finally {
    const stopped = exited(restarted.child);
    restarted.child.kill('SIGTERM');
    await stopped;
    await receiver.close();
  }
}, 300_000);
