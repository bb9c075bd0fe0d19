// Batched events into the embedded store. Two figures: the whole bulk path (generate
// payloads → enrich → insert, as the demo and the 10M-event CLI do) and the insert alone
// (pre-enriched rows through the BatchWriter). Goal: ≥ 150,000 events/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { generateHistory } from '../server/demo/generate.ts';
import { DeadLetters } from '../server/ingest/dead-letter.ts';
import { Journal } from '../server/ingest/journal.ts';
import { BatchWriter } from '../server/ingest/batch-writer.ts';
import { clickHouseInsert } from '../server/ingest/clickhouse-insert.ts';
import type { Enriched } from '../server/ingest/enrich.ts';

export interface BatchResult {
  events: number;
  bulkPathPerSec: number;
  insertOnlyPerSec: number;
  rssMb: number;
}

export async function benchIngestBatch(events = 1_000_000): Promise<BatchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-batch-'));
  const ch = createClickHouse({ dataDir });
  try {
    await migrate(ch);
    const t0 = performance.now();
    const summary = await generateHistory({ siteId: 'bench-site', events, insert: clickHouseInsert(ch) });
    const bulkPathPerSec = summary.events / ((performance.now() - t0) / 1000);

    // Re-generate into memory, then time only the writes.
    const collected: Enriched[] = [];
    await generateHistory({
      siteId: 'bench-site-2',
      events,
      insert: (table, rows) => {
        if (table === 'events')
          collected.push({ events: rows as Enriched['events'], bots: [], identities: [], orders: [] });
        return Promise.resolve();
      },
    });
    // The ingest path's writer: rows are journaled, then inserted.
    const writer = new BatchWriter(clickHouseInsert(ch), new Journal(join(dataDir, 'ingest-journal')), {
      flushMs: 0,
      maxRows: 50_000,
      maxPending: Number.MAX_SAFE_INTEGER,
      deadLetters: new DeadLetters(join(dataDir, 'ingest-dead-letter')),
    });
    const t1 = performance.now();
    const rows = collected.reduce((n, b) => n + b.events.length, 0);
    // Batches arrive one per turn of the event loop, as requests do: journaling the next
    // overlaps the insert of the last.
    for (const b of collected) {
      writer.write(b);
      await new Promise(setImmediate);
    }
    await writer.drain();
    const insertOnlyPerSec = rows / ((performance.now() - t1) / 1000);
    return { events: summary.events, bulkPathPerSec, insertOnlyPerSec, rssMb: process.memoryUsage().rss / 1024 / 1024 };
  } finally {
    await ch.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
