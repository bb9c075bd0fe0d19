// A mixed soak with kills (issue 22 #9): page views over HTTP, visitor sockets that leave
// offline messages and chat with the pre-chat form, an agent online who closes chats, and
// orders through the API, while the server is killed with SIGKILL and restarted on the
// same store. Clients behave as real ones do: a socket reconnects and resumes its chat with
// its token, a shop retries an order until it is answered. At the end every item that was
// acknowledged is looked up in the store: none may be missing, none doubled.
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse } from '../clickhouse/client.ts';
import { CHROME_UA } from '../server/testing/http.ts';
import { startChild, type Child } from './child.ts';
import { countStored, type Acked, type SoakCounts } from './soak-count.ts';
import { SoakVisitor } from './soak-visitor.ts';
import { AgentClient } from './soak-agent.ts';

export const SOAK_SITE = 'soak-site';
const SECRET = 'soak-api-secret-0123456789';
const VISITORS = 120;
const PAGEVIEWS_PER_TICK = 20; // every 100 ms: 200 a second
const ORDERS_AT_ONCE = 4;

export interface SoakResult {
  seconds: number;
  kills: number;
  counts: SoakCounts;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function benchSoak(seconds = 60, kills = 2): Promise<SoakResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = [
    '--data-dir',
    dataDir,
    '--site',
    SOAK_SITE,
    '--bench-agent',
    '--api-secret',
    SECRET,
    '--port',
    String(port),
  ];
  let server: Child = await startChild('scripts/ingest-server.ts', args);
  const tokenOf = (c: Child) => c.lines.find((l) => l.startsWith('agent-token '))?.slice('agent-token '.length) ?? '';
  const agent = new AgentClient(base, SOAK_SITE, tokenOf(server));
  const acked: Acked = { pageviews: [], messages: [], chats: [], leads: [], orders: [] };
  const visitors = Array.from({ length: VISITORS }, (_, i) => new SoakVisitor(base, SOAK_SITE, i, acked));
  let running = true;
  const started = performance.now();

  // Page views: one session per request, acknowledged by 202.
  const pageviews = (async () => {
    for (let tick = 0; running; tick++) {
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: PAGEVIEWS_PER_TICK }, async (_, k) => {
          const sessionId = `soak-pv-${tick}-${k}`;
          const body = {
            site: SOAK_SITE,
            visitorId: `soak-crowd-${k}`,
            sessionId,
            events: [{ type: 'pageview', url: `https://bench.example/p/${tick % 30}` }],
          };
          try {
            // A browser's user agent: node's own would be filed under bots.
            const res = await fetch(`${base}/api/collect`, {
              method: 'POST',
              headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
              body: JSON.stringify(body),
            });
            if (res.status === 202) acked.pageviews.push(sessionId);
          } catch {
            // refused by the kill: never acknowledged, so never promised
          }
        }),
      );
      await pause(Math.max(0, 100 - (performance.now() - t0)));
    }
  })();

  // Orders: each retried, as a shop does, until the API answers 200.
  let orderSeq = 0;
  const orders = Promise.all(
    Array.from({ length: ORDERS_AT_ONCE }, async () => {
      while (running) {
        const orderId = `SOAK-${++orderSeq}`;
        const body = JSON.stringify({
          site: SOAK_SITE,
          orderId,
          status: 'paid',
          value: 10 + (orderSeq % 90),
          currency: 'CNY',
          visitorId: `soak-visitor-${String(orderSeq % VISITORS).padStart(4, '0')}`,
        });
        for (;;) {
          try {
            const res = await fetch(`${base}/api/orders`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
              body,
            });
            if (res.status === 200) {
              acked.orders.push(orderId);
              break;
            }
          } catch {
            // connection refused while the server is down: try again
          }
          await pause(200);
        }
        await pause(100);
      }
    }),
  );

  const crowd = visitors.map((v, i) => v.run(() => running, (i / VISITORS) * 3000));
  // Kill -9 at even intervals, restarting at once on the same store and port.
  let killed = 0;
  for (let k = 1; k <= kills; k++) {
    await pause(
      (seconds * 1000) / (kills + 1) - (performance.now() - started - ((k - 1) * seconds * 1000) / (kills + 1)),
    );
    const closed = new Promise((r) => server.process.once('close', r));
    server.process.kill('SIGKILL');
    await closed;
    killed++;
    server = await startChild('scripts/ingest-server.ts', args);
    agent.reconnect(tokenOf(server));
  }
  await pause(Math.max(0, seconds * 1000 - (performance.now() - started)));
  running = false;
  await Promise.all([pageviews, orders, ...crowd]);
  agent.close();
  await server.stop();
  const elapsed = (performance.now() - started) / 1000;

  const ch = createClickHouse({ dataDir });
  try {
    return { seconds: elapsed, kills: killed, counts: await countStored(ch, SOAK_SITE, acked) };
  } finally {
    await ch.close();
  }
}
