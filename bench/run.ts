// npm run bench [-- --only http|batch|snippet|realtime|chat-acks|orders|regex|read-rows|phone-keys|assist|queries|soak|kb] [--visitors 10000[,25000,…]] [--seconds 10] [--events 1000000] [--data-dir bench-data]
// npm run bench -- --only ingest-ab --compare OTHER_CHECKOUT [--rounds 3] [--together]: this ingest server against another's, alternating or at once
// npm run bench -- --only queries --data-dir DIR [--screens hot-words,pages]: report queries over a generated store
// npm run bench -- --only queries-ab --compare OTHER_CHECKOUT --data-dir DIR [--screens a,b]: every report query of both, call by call
// Prints each figure and its ratio to the named baseline or goal, as a Markdown table
// ready for bench/RESULTS.md.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { buildTracker } from '../tracker/build.ts';
import { benchAssist } from './assist.ts';
import { benchChatAcks } from './chat-acks.ts';
import { benchIngestAb, ingestAbLines } from './ingest-ab.ts';
import { benchIngestBatch } from './ingest-batch.ts';
import { benchIngestHttp } from './ingest-http.ts';
import { benchOrders } from './orders.ts';
import { benchPhoneKeys } from './phone-keys.ts';
import { benchRealtime } from './realtime.ts';
import { benchSoak } from './soak.ts';
import { benchRegex } from './regex.ts';
import { benchReadRows } from './read-rows.ts';
import { benchReportQueries } from './report-queries.ts';
import { benchQueriesAb, queriesAbLines } from './queries-ab.ts';
import { benchKb } from './kb-eval.ts';
import { fmt, mdRow } from './markdown.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    events: { type: 'string', default: '1000000' },
    'data-dir': { type: 'string', default: 'bench-data' },
    visitors: { type: 'string', default: '10000' },
    compare: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    together: { type: 'boolean', default: false },
    /** --only queries: time only these screens (comma-separated, e.g. hot-words,pages). */
    screens: { type: 'string', default: '' },
    /** --only realtime: the server writes a CPU profile into this folder. */
    profile: { type: 'string' },
  },
});
// Not in the default run: queries need a generated store, the soak takes minutes, read-rows
// and assist open an in-memory engine (one engine per process), kb is a quality evaluation.
const run = (name: string) =>
  (!values.only && !['queries', 'soak', 'read-rows', 'phone-keys', 'assist', 'kb'].includes(name)) ||
  values.only === name;
const n = fmt;
const lines: string[] = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`,
  '',
];
const row = (cells: string[]) => lines.push(mdRow(cells));
const goal = (name: string, value: number, digits: number, target: string, met: boolean, unit = '') =>
  row([name, `${value.toFixed(digits)}${unit}`, target, met ? 'yes' : '**no**']);

if (run('kb')) lines.push(...benchKb());
if (run('snippet')) {
  const size = await buildTracker();
  row(['benchmark', 'figure', 'goal', 'ratio to goal']);
  row(['---', '---', '---', '---']);
  row(['snippet gzip', `${size.gzip} B (raw ${size.raw} B)`, '≤ 2,048 B', (size.gzip / 2048).toFixed(2)]);
  row(['snippet brotli', `${size.brotli} B`, '—', '—']);
  lines.push('');
}
if (run('http')) {
  const r = await benchIngestHttp(Number(values.seconds));
  row(['server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'RSS MB']);
  row(['---', '---', '---', '---', '---', '---', '---']);
  for (const x of [r.noop, r.leadtrail])
    row([x.name, n(x.rps), String(x.p50), String(x.p99), String(x.non2xx), String(x.errors), n(x.rssMb)]);
  lines.push('');
  row(['single-event HTTP ingest (issue 21 §2, §5)', 'figure', 'goal', 'met?']);
  row(['---', '---', '---', '---']);
  goal('LeadTrail / no-op req/s, same run', r.ratio, 2, '≥ 0.40', r.ratio >= 0.4);
  goal('LeadTrail p99 at 500 connections', r.leadtrail.p99, 0, '≤ 100 ms', r.leadtrail.p99 <= 100, ' ms');
  goal('LeadTrail server RSS after the run', r.leadtrail.rssMb, 0, '≤ 600 MB', r.leadtrail.rssMb <= 600, ' MB');
  lines.push('');
}
if (run('batch')) {
  const r = await benchIngestBatch(Number(values.events));
  const us = (v: number) => v.toFixed(1);
  row([
    `batched ingest, ${n(r.events)} generated events; ${n(r.rows)} rows replayed`,
    'rows/s',
    'CPU µs per row (all threads)',
  ]);
  row(['---', '---', '---']);
  row(['bulk path: demo generator (generate → enrich → insert, no journal)', n(r.bulkPathPerSec), '—']);
  row([
    'engine only: the same enriched rows from ready files, same tables and views',
    n(r.engineOnlyPerSec),
    us(r.engineOnlyCpuUs),
  ]);
  row([
    'LeadTrail: raw request bodies → parse, validate, enrich, journal, insert',
    n(r.leadtrailPerSec),
    us(r.leadtrailCpuUs),
  ]);
  lines.push('');
  row(['batched ingest (issue 21 §1, §5)', 'figure', 'goal', 'met?']);
  row(['---', '---', '---', '---']);
  goal('LeadTrail / engine only, same run', r.ratio, 2, '≥ 0.60', r.ratio >= 0.6);
  // Both phases can use every core; CPU per row bounds the ratio whatever overlaps.
  row([
    'most the ratio can be while CPU per row stays as it is (engine only ÷ LeadTrail CPU per row)',
    (r.engineOnlyCpuUs / r.leadtrailCpuUs).toFixed(2),
    '—',
    '—',
  ]);
  goal(
    'peak RSS of this process after the generator phase',
    r.generatorPeakMb,
    0,
    '≤ 1,536 MB',
    r.generatorPeakMb <= 1536,
    ' MB',
  );
  row(['peak RSS of this process at the end (replayed bodies held in memory)', `${n(r.peakMb)} MB`, '—', '—']);
  lines.push('');
}
if (run('realtime')) {
  // --visitors 10000,25000,50000: one fresh server per level, in that order; --compare DIR measures that checkout's server.
  row([
    'visitor sockets (one server process, loopback)',
    'connected in',
    'server RSS idle → loaded (goal ≤ 2,048 MB at 50k)',
    'invitation p50 / p99 (goal p99 ≤ 50 ms)',
    'agent message, stored first, p50 / p99 (goal p99 ≤ 100 ms)',
    'server loop delay p99 / max',
    'server fds',
    'load 1 min before → after',
  ]);
  row(['---', '---', '---', '---', '---', '---', '---', '---']);
  for (const level of values.visitors.split(',').map(Number)) {
    try {
      const r = await benchRealtime(level, 300, values.compare, values.profile);
      const lost = (x: { lost: number }) => (x.lost ? `, ${x.lost} lost` : '');
      row([
        n(r.visitors),
        `${r.connectSeconds.toFixed(1)} s`,
        `${n(r.idleRssMb)} → ${n(r.rssMb)} MB`,
        `${r.invites.p50.toFixed(1)} / ${r.invites.p99.toFixed(1)} ms (${r.invites.n}${lost(r.invites)})`,
        `${r.messages.p50.toFixed(1)} / ${r.messages.p99.toFixed(1)} ms (${r.messages.n}${lost(r.messages)})`,
        `${r.loopDelay.p99.toFixed(0)} / ${r.loopDelay.max.toFixed(0)} ms`,
        n(r.serverFds),
        `${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)}`,
      ]);
    } catch (error) {
      row([n(level), `not run: ${error instanceof Error ? error.message : String(error)}`, '', '', '', '', '', '']);
    }
  }
  lines.push('');
}
if (run('chat-acks')) {
  const r = await benchChatAcks(Math.max(20, Number(values.seconds)));
  const ms = (x: { n: number; p50: number; p95: number; p99: number }) =>
    `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)} / ${x.p99.toFixed(1)} ms (${x.n})`;
  row([
    `acknowledgements under load (${n(r.pageviewsPerSec)} page views/s, 200 visitor sockets, agent online)`,
    'p50 / p95 / p99 (samples)',
    'goal',
    'p95 / goal',
  ]);
  row(['---', '---', '---', '---']);
  row(['offline message → `offline.ok` (a lead)', ms(r.leads), 'p95 ≤ 100 ms', (r.leads.p95 / 100).toFixed(2)]);
  row(['chat request with pre-chat form → `chat.state`', ms(r.chats), '—', '—']);
  row(['visitor chat message → its echo', ms(r.messages), '—', '—']);
  lines.push('', `Refused during the run: ${r.errors.length ? r.errors.join(', ') : 'none'}`, '');
}
if (run('orders')) {
  const r = await benchOrders(Number(values.seconds));
  row(['orders API beside page views (one server process, loopback)', 'figure', 'goal', 'ratio to goal']);
  row(['---', '---', '---', '---']);
  row([
    `order acknowledged (${r.orders.n} orders, ${r.orders.failed} failed), p50 / p95 / p99`,
    `${r.orders.p50.toFixed(1)} / ${r.orders.p95.toFixed(1)} / ${r.orders.p99.toFixed(1)} ms`,
    'p95 ≤ 100 ms',
    (r.orders.p95 / 100).toFixed(2),
  ]);
  row([
    `page views beside them (${n(r.pageviews.rps)} req/s, ${r.pageviews.non2xx} non-2xx), p50 / p99`,
    `${r.pageviews.p50} / ${r.pageviews.p99} ms`,
    '—',
    '—',
  ]);
  row(['storing lag at the end of the load (time to drain and exit)', `${r.drainSeconds.toFixed(1)} s`, '—', '—']);
  lines.push('');
}
if (run('soak')) {
  const r = await benchSoak(Math.max(30, Number(values.seconds)), 2);
  lines.push(
    `Soak: ${r.seconds.toFixed(0)} s of mixed load with ${r.kills} kill -9 and restarts; every acknowledged item looked up in the store`,
    '',
  );
  row(['kind', 'acknowledged', 'missing', 'doubled']);
  row(['---', '---', '---', '---']);
  for (const [kind, c] of Object.entries(r.counts)) row([kind, n(c.acked), String(c.missing), String(c.doubled)]);
  const bad = Object.values(r.counts).reduce((s, c) => s + c.missing + c.doubled, 0);
  lines.push(
    '',
    bad === 0 ? 'Nothing acknowledged was lost or doubled.' : `**${bad} acknowledged items lost or doubled.**`,
    '',
  );
  if (bad > 0) process.exitCode = 1;
}
if (run('regex')) {
  row(['pattern matcher, worst input', 'who can send it', 'now, ms', 'before the fix, ms']);
  row(['---', '---', '---', '---']);
  for (const r of benchRegex())
    row([r.name, r.source, r.now.toFixed(3), r.before === undefined ? '—' : r.before.toFixed(1)]);
  lines.push('');
}
if (run('read-rows')) {
  const r = await benchReadRows();
  row([`${n(r.rows)} rows × 27 columns`, 'json<Row>() + Number(), ms', 'readRows (zod), ms']);
  row(['---', '---', '---']);
  row(['query + read (median)', r.queryOld.toFixed(1), r.queryNew.toFixed(1)]);
  row(['row step alone (median)', r.mapOld.toFixed(2), r.parseNew.toFixed(2)]);
  lines.push('');
}
if (run('phone-keys')) {
  const r = await benchPhoneKeys();
  row(['phone keys', 'figure']);
  row(['---', '---']);
  row([`phoneKey() over ${n(r.keys)} varied numbers`, `${n(r.keysPerSecond)} keys/s`]);
  row([`migration 0032 over ${n(r.rows)} identities + ${n(r.rows)} leads`, `${n(r.backfillMs)} ms`]);
  lines.push('');
}
if (values.only === 'queries-ab') {
  if (!values.compare) throw new Error('--only queries-ab needs --compare OTHER_CHECKOUT');
  const r = await benchQueriesAb(values.compare, values['data-dir'], 20, values.screens.split(',').filter(Boolean));
  lines.push(...queriesAbLines(r, values.compare));
}
if (run('assist')) {
  const r = await benchAssist();
  row([
    `suggestions while typing, ${n(r.articles)} articles, ${r.n} keystrokes`,
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p95 / goal (100 ms)',
  ]);
  row(['---', '---', '---', '---', '---']);
  const f = (x: number) => x.toFixed(1);
  row([
    'visitor keystroke → suggestions at the agent',
    f(r.endToEnd.p50),
    f(r.endToEnd.p95),
    f(r.endToEnd.p99),
    (r.endToEnd.p95 / 100).toFixed(2),
  ]);
  row(['of which the relay, visitor socket → agent socket', f(r.relay.p50), f(r.relay.p95), f(r.relay.p99), '—']);
  row(['of which the assist.suggest request', f(r.request.p50), f(r.request.p95), f(r.request.p99), '—']);
  row(['the search alone (same drafts, in process)', f(r.search.p50), f(r.search.p95), f(r.search.p99), '—']);
  lines.push(
    '',
    `Load average (1 min) ${r.load[0].toFixed(2)} at the first keystroke, ${r.load[1].toFixed(2)} at the last.`,
    '',
  );
}
if (values.only === 'ingest-ab') {
  if (!values.compare) throw new Error('--only ingest-ab needs --compare OTHER_CHECKOUT');
  const rounds = Number(values.rounds);
  const runs = await benchIngestAb(values.compare, rounds, Number(values.seconds), values.together);
  lines.push(...ingestAbLines(runs, values.compare, rounds, values.together));
}
if (values.only === 'queries') {
  // Not in the default run: it needs a generated store (npm run generate -- --events 10000000 --data-dir bench-data).
  const screens = values.screens.split(',').filter(Boolean);
  const r = await benchReportQueries(values['data-dir'], undefined, undefined, screens);
  // Issue 21 §3: p95 ≤ 300 ms up to 10M events, ≤ 500 ms at 30M.
  const goalMs = r.events > 11_000_000 ? 500 : 300;
  lines.push(
    `Report queries over ${n(r.events)} events (${values['data-dir']}), range: last 30 days; goal p95 ≤ ${goalMs} ms`,
    '',
  );
  row(['screen', 'query', 'filters', 'p50 ms', 'p95 ms', 'p95 / goal']);
  row(['---', '---', '---', '---', '---', '---']);
  for (const t of r.timings)
    row([t.screen, t.query, t.filters, t.p50.toFixed(0), t.p95.toFixed(0), (t.p95 / goalMs).toFixed(2)]);
  const met = r.timings.filter((t) => t.p95 <= goalMs).length;
  lines.push('', `${met} of ${r.timings.length} cases meet p95 ≤ ${goalMs} ms`);
}
console.log(lines.join('\n'));
