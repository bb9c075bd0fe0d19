import { storeBatch, type BatchRows } from './batch-store.ts';
import type { IngestStore } from './clickhouse-insert.ts';
import type { DeadLetters } from './dead-letter.ts';
import type { Enriched } from './enrich.ts';
import type { Journal, Segment } from './journal.ts';

export interface BatchWriterOptions {
  /** How long the first row of a batch may wait for company before a flush. */
  flushMs: number;
  /** Flush at once when this many rows are waiting. */
  maxRows: number;
  /** Refuse writes (OverloadedError) beyond this many waiting rows instead of growing memory and the journal. */
  maxPending: number;
  /**
   * A second insert starts beside a running one only for a batch of at least this many
   * rows: every insert costs the engine a new part, which small batches can't pay for.
   */
  overlapMinRows?: number;
  /** First wait before a failed insert is tried again; it doubles up to 30 s. */
  retryMs?: number;
  /** Where rows the store refuses for their content are set aside. */
  deadLetters: DeadLetters;
}

export class OverloadedError extends Error {}

export interface Written {
  /** Resolves once the rows are journaled: from then on they survive kill -9 and may be acknowledged. */
  durable: Promise<void>;
  /** Resolves once the rows are in ClickHouse. Never rejects: a failed insert is tried again. */
  stored: Promise<void>;
}

interface Batch {
  rows: BatchRows;
  count: number;
  /** Resolved once the batch is stored. */
  waiters: (() => void)[];
  segment: Segment | undefined;
  failures: number;
}

const emptyBatch = (): Batch => ({
  rows: { events: [], bots: [], identities: [], orders: [] },
  count: 0,
  waiters: [],
  segment: undefined,
  failures: 0,
});
const rowCount = (r: Enriched) => r.events.length + r.bots.length + r.identities.length + r.orders.length;

function add(batch: Batch, rows: Enriched): void {
  for (const key of Object.keys(batch.rows) as (keyof Enriched)[]) (batch.rows[key] as object[]).push(...rows[key]);
  batch.count += rowCount(rows);
}

/**
 * Rows are acknowledged once they are in the journal, and reach ClickHouse in group
 * inserts: whatever arrives while inserts run rides along in the next one. A journal
 * segment holds exactly one batch and is removed once the batch is stored; a failed
 * insert is tried again, before any newer batch, until it succeeds. Every insert carries
 * a de-duplication token made of its segment, table and chunk, so loading a segment
 * again after a crash between its insert and its removal stores nothing twice.
 *
 * Two batches may be stored at once, so the next batch is serialised while the engine
 * writes the last one. A batch reads what the batches before it stored (identities to
 * merge, known orders, session entries), so batches settle one at a time: a batch's
 * order events, identities and orders go in first, and only its other page views and bot
 * rows are stored beside the next batch.
 */
export class BatchWriter {
  private pending = emptyBatch();
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** A batch is storing what the next batch's reads depend on. */
  private settling = false;
  /** The batch whose insert failed: it goes again after a back-off, and nothing newer starts before it. */
  private failed: Batch | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: IngestStore,
    private readonly journal: Journal,
    private readonly options: BatchWriterOptions,
  ) {}

  /** Rows journaled and not yet handed to an insert. */
  get waiting(): number {
    return this.pending.count + (this.failed?.count ?? 0);
  }

  /**
   * Queues `rows` for the next insert and the journal; throws OverloadedError when the
   * backlog is full. Should the journal write fail (`durable` rejects, the caller answers
   * 503), the rows are still inserted: at worst a client's retry stores them twice.
   */
  write(rows: Enriched): Written {
    const count = rowCount(rows);
    if (count === 0) return { durable: Promise.resolve(), stored: Promise.resolve() };
    if (this.waiting + count > this.options.maxPending) throw new OverloadedError('ingest queue is full, retry later');
    this.pending.segment ??= this.journal.open();
    const durable = this.journal.append(this.pending.segment, rows);
    add(this.pending, rows);
    const stored = new Promise<void>((resolve) => this.pending.waiters.push(resolve));
    this.schedule();
    return { durable, stored };
  }

  /**
   * Stores what an earlier process journaled and did not insert. Call before the first
   * write. Never throws: rows the store refuses are set aside, and a segment that cannot
   * be stored now (the store is down) stays in the journal for the next start.
   */
  async recover(): Promise<{ stored: number; setAside: number; kept: number }> {
    let stored = 0;
    let setAside = 0;
    let kept = 0;
    for (const { segment, rows } of this.journal.leftovers()) {
      const batch = { ...emptyBatch(), segment };
      for (const r of rows) add(batch, r);
      let refused: number;
      try {
        refused = await this.storeBatch(batch);
      } catch (error) {
        kept += batch.count;
        console.error(
          `ingest: could not store the ${batch.count} journaled rows of ${segment.name}; they stay in the journal for the next start`,
          error,
        );
        continue;
      }
      this.journal.remove(segment);
      stored += batch.count - refused;
      setAside += refused;
    }
    return { stored, setAside, kept };
  }

  /**
   * Inserts everything journaled so far (at shutdown, and in tests before reading). A
   * failing insert is tried once more at once; if it fails again this throws, and its
   * rows stay in the journal for the next start.
   */
  async drain(): Promise<void> {
    let retried = false;
    for (;;) {
      if (this.failed && this.inFlight.size === 0) {
        if (retried) {
          this.stopTimers();
          throw new Error(`ingest: ${this.waiting} journaled rows could not be inserted; the next start loads them`);
        }
        retried = true;
        this.retryFailed();
      } else if (this.canStart()) {
        this.flush();
      }
      if (this.inFlight.size === 0 && this.pending.count === 0 && !this.failed) return;
      if (this.inFlight.size > 0) await Promise.race(this.inFlight);
    }
  }

  private canStart(): boolean {
    if (this.pending.count === 0 || this.failed) return false;
    if (this.inFlight.size === 0) return true;
    const bigEnough = this.pending.count >= (this.options.overlapMinRows ?? 2_000);
    return bigEnough && this.inFlight.size < MAX_IN_FLIGHT && !this.settling;
  }

  private schedule(): void {
    if (!this.canStart()) return;
    if (this.pending.count >= this.options.maxRows || this.inFlight.size > 0) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.options.flushMs);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = emptyBatch();
    this.run(batch);
  }

  private retryFailed(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const batch = this.failed;
    this.failed = undefined;
    if (batch) this.run(batch);
  }

  private run(batch: Batch): void {
    if (batch.segment) this.journal.close(batch.segment);
    this.settling = true;
    let settling = true;
    const settled = () => {
      if (settling) this.settling = settling = false;
      this.schedule();
    };
    // Failing before it settled sets `failed`, which holds everything newer back.
    const run = this.insertBatch(batch, settled).finally(() => {
      this.inFlight.delete(run);
      settled();
    });
    this.inFlight.add(run);
  }

  /** Returns how many rows were set aside; `settled` as `storeBatch` calls it. */
  private storeBatch(batch: Batch, settled?: () => void): Promise<number> {
    return storeBatch(this.store, batch.rows, batch.segment?.name ?? 'unjournaled', this.options, settled);
  }

  private async insertBatch(batch: Batch, settled: () => void): Promise<void> {
    try {
      await this.storeBatch(batch, settled);
    } catch (error) {
      batch.failures += 1;
      const wait = Math.min(MAX_RETRY_MS, (this.options.retryMs ?? 500) * 2 ** (batch.failures - 1));
      console.error(
        `ingest: inserting ${batch.count} journaled rows failed (attempt ${batch.failures}); trying again in ${wait} ms`,
        error,
      );
      this.failed = batch;
      this.retryTimer = setTimeout(() => this.retryFailed(), wait);
      return;
    }
    if (batch.segment) this.journal.remove(batch.segment);
    for (const resolve of batch.waiters) resolve();
  }

  private stopTimers(): void {
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = undefined;
    if (this.pending.segment) this.journal.close(this.pending.segment);
  }
}

const MAX_RETRY_MS = 30_000;
const MAX_IN_FLIGHT = 2;
