// Single-event ingest requests over loopback, against a no-op Node HTTP server measured
// in the same run. Goal (issue 21 §2): LeadTrail ≥ 0.4 × the no-op server's requests/s, p99 ≤ 100 ms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild } from './child.ts';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const body = JSON.stringify({
  site: 'bench-site',
  visitorId: 'bench-visitor-1',
  sessionId: 'bench-session-1',
  screen: '1920x1080',
  language: 'en-US',
  events: [
    {
      type: 'pageview',
      url: 'https://bench.example/products/a?utm_source=google',
      referrer: 'https://www.google.com/',
      title: 'Product A',
    },
  ],
});

export interface HttpResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb: number;
}

export async function load(
  name: string,
  port: number,
  seconds: number,
  connections: number,
  rss: () => number,
): Promise<HttpResult> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}/api/collect`,
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': UA },
    body,
    connections,
    duration: seconds,
  });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    rssMb: rss(),
  };
}

export async function benchIngestHttp(
  seconds = 10,
  connections = 500,
): Promise<{ noop: HttpResult; leadtrail: HttpResult; ratio: number }> {
  const noopChild = await startChild('bench/noop-server.ts');
  await load('warm-up', noopChild.port, 2, connections, () => 0);
  const noop = await load('no-op node:http', noopChild.port, seconds, connections, () => noopChild.rssMb());
  await noopChild.stop();

  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-'));
  // Every request comes from 127.0.0.1: the limits are on (their cost is in the figure) but set
  // far above what one run can send, where the defaults would refuse all but 10,000 events.
  const limits = ['--rate-ip-per-min', '1000000000', '--rate-site-per-min', '1000000000'];
  const lt = await startChild('scripts/ingest-server.ts', ['--data-dir', dataDir, '--site', 'bench-site', ...limits]);
  await load('warm-up', lt.port, 2, connections, () => 0);
  const leadtrail = await load('LeadTrail /api/collect', lt.port, seconds, connections, () => lt.rssMb());
  await lt.stop();
  return { noop, leadtrail, ratio: leadtrail.rps / noop.rps };
}
