// npm run generate -- --events 1000000 [--data-dir ./data] [--site demo-shop] [--days 90] [--seed 1]
// Fills an embedded store with demo history (also the 10M-event benchmark dataset).
// Runs while no server owns the directory: chdb allows one process per data directory.
import { parseArgs } from 'node:util';
import { createClickHouse } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { clickHouseInsert } from '../server/ingest/clickhouse-insert.ts';
import { generateHistory } from '../server/demo/generate.ts';
import { ensureDemoKnowledge } from '../server/demo/demo-knowledge.ts';
import { saveSite } from '../server/sites/site-service.ts';
import { listSites } from '../server/queries/list-sites.ts';

const USAGE = 'usage: npm run generate -- --events N [--data-dir DIR] [--site KEY] [--days 90] [--seed 1]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        events: { type: 'string' },
        'data-dir': { type: 'string', default: 'data' },
        site: { type: 'string', default: 'demo-shop' },
        days: { type: 'string', default: '90' },
        seed: { type: 'string', default: '1' },
      },
    });
    const events = Number(values.events);
    const days = Number(values.days);
    const seed = Number(values.seed);
    if (!Number.isInteger(events) || events < 1 || events > 30_000_000) throw new Error('--events must be 1..30000000');
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--days must be 1..3650');
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(values.site)) throw new Error('--site must be 8-64 characters of [A-Za-z0-9_-]');
    return { events, days, seed, dataDir: values['data-dir'], site: values.site };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

const opts = options();
let ch;
try {
  ch = createClickHouse({ dataDir: opts.dataDir });
  await migrate(ch);
} catch (error) {
  const text = String(error instanceof Error ? `${error.name} ${error.message}` : error);
  if (/lock|status|ChdbConnectionError/i.test(text)) {
    console.error(
      `the data directory ${opts.dataDir} is in use by a running LeadTrail server; stop it first or use a different --data-dir`,
    );
  } else {
    console.error(text);
  }
  process.exit(1);
}
if (!(await listSites(ch)).some((s) => s.id === opts.site)) {
  await saveSite(ch, {
    id: opts.site,
    name: opts.site === 'demo-shop' ? 'Demo Shop' : opts.site,
    domains: ['shop.example', 'localhost', '127.0.0.1'],
    timeZone: 'Asia/Shanghai',
    respectDnt: false,
  });
}
// The demo knowledge base first: the history's robot chats answer from its articles (by id).
const robot = await ensureDemoKnowledge(ch, opts.site, 'http://localhost:3000');
const started = performance.now();
// After the last event is generated, the line says what the run still does until it ends.
let phase = '';
let progress = '';
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const show = () => process.stderr.write(`\r${progress}${phase}${phase ? ` ${elapsed()}   ` : ''}`);
// The last rows and the close print nothing of their own: the line keeps counting seconds.
let ticker: NodeJS.Timeout | undefined;
const summary = await generateHistory({
  siteId: opts.site,
  events: opts.events,
  days: opts.days,
  seed: opts.seed,
  insert: clickHouseInsert(ch),
  robot,
  // The rows of the batches being stored and the one being made are most of the JS heap, and
  // V8 lets the heap grow to a few times what is live: with one insert at a time, 50,000 rows
  // peaked at 1.70 GB in the 30M run, 25,000 at 1.41 GB, in the same time. Two inserts at a
  // time (BatchSink) of half that keep the memory and gain the speed (bench/RESULTS.md).
  batchRows: 12_500,
  onProgress(done, total) {
    const seconds = (performance.now() - started) / 1000;
    progress = `${((done / total) * 100).toFixed(1)}%  ${done.toLocaleString('en')} events  ${Math.round(done / seconds).toLocaleString('en')} events/s   `;
    show();
  },
  onPhase() {
    phase = '· storing the last identities, leads, chats and orders…';
    show();
    ticker = setInterval(show, 1_000);
  },
});
phase = '· closing the store…                                     ';
show();
await ch.close();
clearInterval(ticker);
const seconds = (performance.now() - started) / 1000;
console.error('');
console.log(
  `${summary.events.toLocaleString('en')} events, ${summary.visitors.toLocaleString('en')} visitors, ${summary.sessions.toLocaleString('en')} sessions, ${summary.chats} chats, ${summary.leads} leads, ${summary.orders} orders in ${seconds.toFixed(1)} s (${Math.round(summary.events / seconds).toLocaleString('en')} events/s) → ${opts.dataDir}`,
);
