// Orders through the orders API while page views stream in beside them: the time to an
// acknowledgement of each (200 for an order, 202 for a page view). Goal: orders p95 ≤ 100 ms
// at a few hundred page views per second. Half the orders name their buyer by email (the
// lookup a shop without the visitor id relies on), a tenth are status updates of an earlier one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CHROME_UA, collect } from '../server/testing/http.ts';
import { startChild } from './child.ts';
import { percentile } from './query-timer.ts';

const SITE = 'bench-site';
const SECRET = 'bench-orders-secret-0123456789abcdef';
const BUYERS = 200;

export interface OrdersResult {
  orders: { n: number; failed: number; p50: number; p95: number; p99: number };
  pageviews: { rps: number; p50: number; p99: number; non2xx: number };
  /** From the end of the load to the server's exit, which stores everything journaled first: how far storing lagged. */
  drainSeconds: number;
}

async function postOrder(base: string, body: object): Promise<number> {
  const res = await fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

const buyer = (i: number) => `bench-buyer-${String(i).padStart(6, '0')}`;

async function prepareBuyers(base: string): Promise<void> {
  for (let i = 0; i < BUYERS; i++) {
    const visit = { site: SITE, visitorId: buyer(i), sessionId: `${buyer(i)}-s` };
    await collect(base, {
      ...visit,
      events: [{ type: 'pageview', url: 'https://bench.example/pricing', referrer: '' }],
    });
    await collect(base, {
      ...visit,
      events: [{ type: 'identify', url: 'https://bench.example/checkout', email: `${buyer(i)}@example.com` }],
    });
  }
}

export async function benchOrders(seconds = 10, pageviewsPerSec = 300, ordersPerSec = 20): Promise<OrdersResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-orders-'));
  const lt = await startChild('scripts/ingest-server.ts', [
    '--data-dir',
    dataDir,
    '--site',
    SITE,
    '--api-secret',
    SECRET,
  ]);
  const base = `http://127.0.0.1:${lt.port}`;
  try {
    await prepareBuyers(base);
    // Let the buyers' rows reach the store, and read the site's order ids (a server reads
    // them at start): the figure is the steady state, not this backlog.
    await new Promise((r) => setTimeout(r, 3000));
    await postOrder(base, { site: SITE, orderId: 'bench-warm-up', status: 'paid', value: 1, currency: 'CNY' });
    const pageviews = autocannon({
      url: `${base}/api/collect`,
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
      body: JSON.stringify({
        site: SITE,
        visitorId: 'bench-visitor-1',
        sessionId: 'bench-session-1',
        events: [{ type: 'pageview', url: 'https://bench.example/products/a', referrer: '' }],
      }),
      connections: 20,
      overallRate: pageviewsPerSec,
      duration: seconds,
    });
    const times: number[] = [];
    let failed = 0;
    const inFlight: Promise<unknown>[] = [];
    const until = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < until; i++) {
      const update = i % 10 === 9;
      const id = update ? i - 5 : i;
      const body = {
        site: SITE,
        orderId: `bench-order-${id}`,
        status: update ? 'refunded' : 'paid',
        value: 100 + (id % 50),
        currency: 'CNY',
        ...(id % 2 === 0 ? { email: `${buyer(id % BUYERS)}@example.com` } : { visitorId: buyer(id % BUYERS) }),
      };
      const started = performance.now();
      // Paced, not flooded: the figure is each order's wait beside the page views.
      const sent = postOrder(base, body)
        .then((status) => {
          if (status === 200) times.push(performance.now() - started);
          else failed++;
        })
        .catch(() => failed++);
      inFlight.push(sent);
      await Promise.race([sent, new Promise((r) => setTimeout(r, 1000 / ordersPerSec))]);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / ordersPerSec - (performance.now() - started))));
    }
    const pv = await pageviews;
    await Promise.all(inFlight);
    const stopping = performance.now();
    await lt.stop();
    return {
      orders: {
        n: times.length,
        failed,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
      },
      pageviews: { rps: pv.requests.average, p50: pv.latency.p50, p99: pv.latency.p99, non2xx: pv.non2xx },
      drainSeconds: (performance.now() - stopping) / 1000,
    };
  } finally {
    if (lt.process.exitCode === null) await lt.stop();
  }
}
