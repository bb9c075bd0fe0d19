// Batched events into the embedded store, three figures from one run on one store:
// - bulk path: the demo generator (generate payloads → enrich → insert, no journal), as
//   `npm run generate` does;
// - engine only: the same enriched rows from ready insert files into the same tables, with
//   the same materialized views, two inserts at a time (the ingest writer's most);
// - LeadTrail: the same snippet requests as raw JSON bodies through parsing, validation,
//   enrichment, the journal and the ingest writer's inserts.
// Goal (issue 21 §1): LeadTrail ≥ 0.6 × engine only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertFile, writeInsertFile, type InsertFile } from '../clickhouse/bulk-insert.ts';
import { createClickHouse, type ClickHouseClient } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import type { EventRow } from '../clickhouse/rows.ts';
import { TABLES } from '../clickhouse/tables.ts';
import { generateHistory } from '../server/demo/generate.ts';
import { BatchWriter } from '../server/ingest/batch-writer.ts';
import { clickHouseInsert, clickHouseStore } from '../server/ingest/clickhouse-insert.ts';
import { DeadLetters } from '../server/ingest/dead-letter.ts';
import { enrich, type Enriched, type RequestContext } from '../server/ingest/enrich.ts';
import { Journal } from '../server/ingest/journal.ts';
import type { CollectPayload } from '../server/ingest/payload.ts';
import { parsePayload } from '../server/ingest/payload-check.ts';
import { SessionEntries } from '../server/ingest/session-entries.ts';
import { parseCleanJson } from '../server/text/clean-text.ts';

export interface BatchResult {
  /** Events-table rows the generator wrote. */
  events: number;
  bulkPathPerSec: number;
  /** Rows (all four ingest tables) of the engine-only and LeadTrail runs. */
  rows: number;
  engineOnlyPerSec: number;
  leadtrailPerSec: number;
  ratio: number;
  /** CPU time of this process (every thread: the engine runs in it) per row, µs. */
  engineOnlyCpuUs: number;
  leadtrailCpuUs: number;
  /** Peak RSS of this process after the generator phase, and at the end. */
  generatorPeakMb: number;
  peakMb: number;
}

const BATCH = 50_000;
const TABLE_OF: Record<keyof Enriched, string> = {
  events: TABLES.events,
  bots: TABLES.botEvents,
  identities: TABLES.identities,
  orders: TABLES.orders,
};
const peakMb = () => process.resourceUsage().maxRSS / 1024;

/** `rows` per second of wall time, and µs of CPU (all threads) per row, of `work`. */
async function timed(work: () => Promise<number>): Promise<{ rows: number; perSec: number; cpuUs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rows = await work();
  const cpu = process.cpuUsage(cpu0);
  return { rows, perSec: rows / ((performance.now() - t0) / 1000), cpuUs: (cpu.user + cpu.system) / rows };
}

interface Request {
  body: string;
  ctx: RequestContext;
}

function toRequest(payload: CollectPayload, ctx: RequestContext): Request {
  return { body: JSON.stringify(payload), ctx: { ...ctx } };
}

/** What the handler does with a body before the writer: parse, validate (its hand check first), enrich. */
function ingestBody(r: Request, site: string): Enriched {
  const parsed = parsePayload(parseCleanJson(r.body));
  if (!parsed.success) throw new Error(`bench request refused: ${parsed.error.message}`);
  return enrich({ ...parsed.data, site }, r.ctx);
}

/** The rows of `requests` enriched for `site`, written as 50k-row insert files (untimed). */
async function readyFiles(ch: ClickHouseClient, requests: Request[], site: string): Promise<InsertFile[]> {
  const files: InsertFile[] = [];
  const entries = new SessionEntries(ch);
  const buffers: Enriched = { events: [], bots: [], identities: [], orders: [] };
  const spill = async (all: boolean) => {
    for (const key of Object.keys(TABLE_OF) as (keyof Enriched)[]) {
      const rows = buffers[key] as object[];
      if (rows.length === 0 || (!all && rows.length < BATCH)) continue;
      // The ingest path copies session entries onto page views at insert: so must this.
      if (key === 'events') await entries.assign(rows as EventRow[]);
      files.push(await writeInsertFile(ch, TABLE_OF[key], rows));
      (buffers[key] as object[]) = [];
    }
  };
  for (const r of requests) {
    const rows = ingestBody(r, site);
    for (const key of Object.keys(TABLE_OF) as (keyof Enriched)[]) (buffers[key] as object[]).push(...rows[key]);
    if (buffers.events.length >= BATCH) await spill(false);
  }
  await spill(true);
  return files;
}

function timeEngineOnly(ch: ClickHouseClient, files: InsertFile[]) {
  return timed(async () => {
    const queue = [...files];
    const lane = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await insertFile(ch, f);
    };
    await Promise.all([lane(), lane()]);
    for (const f of files) rmSync(f.path, { force: true });
    return files.reduce((n, f) => n + f.rows, 0);
  });
}

async function timeLeadTrail(ch: ClickHouseClient, requests: Request[], dir: string, site: string) {
  const writer = new BatchWriter(clickHouseStore(ch), new Journal(join(dir, 'ingest-journal')), {
    // Batches of 50k rows, two inserts at a time, as the engine-only figure inserts them.
    flushMs: 1_000,
    maxRows: BATCH,
    overlapMinRows: BATCH,
    maxPending: Number.MAX_SAFE_INTEGER,
    deadLetters: new DeadLetters(join(dir, 'ingest-dead-letter')),
  });
  return timed(async () => {
    let rows = 0;
    for (let i = 0; i < requests.length; i++) {
      const enriched = ingestBody(requests[i] as Request, site);
      rows += enriched.events.length + enriched.bots.length + enriched.identities.length + enriched.orders.length;
      void writer.write(enriched).durable;
      // Requests arrive over many turns of the event loop; the journal writes once a turn.
      if (i % 500 === 499) await new Promise(setImmediate);
    }
    await writer.drain();
    return rows;
  });
}

export async function benchIngestBatch(events = 1_000_000): Promise<BatchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-batch-'));
  const ch = createClickHouse({ dataDir });
  try {
    await migrate(ch);
    const t0 = performance.now();
    const summary = await generateHistory({
      siteId: 'bench-site',
      events,
      insert: clickHouseInsert(ch),
      batchRows: BATCH,
    });
    const bulkPathPerSec = summary.events / ((performance.now() - t0) / 1000);
    const generatorPeakMb = peakMb();

    // The snippet's requests of another history, kept as the bodies a server would receive.
    const requests: Request[] = [];
    await generateHistory({
      siteId: 'bench-raw',
      events,
      seed: 2,
      insert: () => Promise.resolve(),
      onRequest: (payload, ctx) => requests.push(toRequest(payload, ctx)),
    });
    const files = await readyFiles(ch, requests, 'bench-engine');
    const engine = await timeEngineOnly(ch, files);
    const lt = await timeLeadTrail(ch, requests, dataDir, 'bench-leadtrail');
    return {
      events: summary.events,
      bulkPathPerSec,
      rows: lt.rows,
      engineOnlyPerSec: engine.perSec,
      leadtrailPerSec: lt.perSec,
      ratio: lt.perSec / engine.perSec,
      engineOnlyCpuUs: engine.cpuUs,
      leadtrailCpuUs: lt.cpuUs,
      generatorPeakMb,
      peakMb: peakMb(),
    };
  } finally {
    await ch.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
