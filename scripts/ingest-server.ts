// Ingest alone (no Next) on its own store: the process the kill -9 durability test and
// the ingest benchmark start and stop. Usage: ingest-server.ts --data-dir DIR [--port 0] [--site KEY] [--api-secret S]
// [--rate-ip-per-min N --rate-site-per-min N] (the /api/collect limits; without them, none)
import '../server/heap-growth.ts';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClickHouse } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { createApp } from '../server/app.ts';
import { createSession } from '../server/auth/session-store.ts';
import { saveUser } from '../server/auth/user-service.ts';
import { saveSite } from '../server/sites/site-service.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    site: { type: 'string', default: 'bench-site' },
    'flush-ms': { type: 'string', default: '200' },
    // The orders benchmark and the orders kill -9 test call the orders API with this secret.
    'api-secret': { type: 'string' },
    'rate-ip-per-min': { type: 'string' },
    'rate-site-per-min': { type: 'string' },
    // The realtime benchmark signs in as an agent: this store belongs to this process alone.
    'bench-agent': { type: 'boolean', default: false },
    // The webhooks kill -9 test delivers to a receiver on 127.0.0.1.
    'webhooks-allow-private': { type: 'boolean', default: false },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) {
  console.error('usage: ingest-server.ts --data-dir DIR [--port 0] [--site KEY] [--flush-ms 200] [--api-secret S]');
  process.exit(2);
}

const ch = createClickHouse({ dataDir });
await migrate(ch);
// The realtime benchmarks play their whole crowd from one loopback address.
const realtime = values['bench-agent']
  ? { socketsPerIp: Number.MAX_SAFE_INTEGER, leadsPerHourPerIp: Number.MAX_SAFE_INTEGER }
  : undefined;
const limited = values['rate-ip-per-min'] !== undefined || values['rate-site-per-min'] !== undefined;
const app = await createApp({
  ch,
  trustProxy: false,
  flushMs: Number(values['flush-ms']),
  journalDir: join(dataDir, 'ingest-journal'),
  deadLetterDir: join(dataDir, 'ingest-dead-letter'),
  realtime,
  webhooks: { allowPrivate: values['webhooks-allow-private'], timeoutMs: 5_000, retryBaseMs: 200 },
  ingestRates: limited
    ? { ipPerMin: Number(values['rate-ip-per-min'] ?? 0), sitePerMin: Number(values['rate-site-per-min'] ?? 0) }
    : undefined,
});
if (!app.sites.get(values.site)) {
  await saveSite(ch, {
    id: values.site,
    name: 'Bench',
    domains: ['bench.example', 'localhost'],
    timeZone: 'UTC',
    respectDnt: false,
    apiSecret: values['api-secret'],
  });
  await app.sites.reload();
}
if (values['bench-agent']) {
  const agent = await saveUser(ch, {
    email: 'bench-agent@example.com',
    name: 'Bench Agent',
    role: 'agent',
    siteIds: [values.site],
    password: 'bench-agent-password',
  });
  console.log(`agent-token ${(await createSession(ch, agent.id)).token}`);
}
if (values['bench-agent']) {
  // The realtime benchmarks read how long the event loop stalled, per 5 s window.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    console.log(`loop-delay ${(delay.percentile(99) / 1e6).toFixed(1)} ${(delay.max / 1e6).toFixed(1)}`);
    delay.reset();
  }, 5_000).unref();
}
app.server.listen(Number(values.port), '127.0.0.1', () => {
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => ch.close())
      .then(() => process.exit(0)),
);
