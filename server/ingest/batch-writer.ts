import type { ClickHouseClient } from '@clickhouse/client';
import { bulkInsert } from '../../clickhouse/bulk-insert.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { EventRow, IdentityRow, OrderRow } from '../../clickhouse/rows.ts';
import type { Enriched } from './enrich.ts';
import { mergeWithStoredIdentities } from './identity-merge.ts';
import { dropKnownOrders } from './known-orders.ts';
import { SessionEntries } from './session-entries.ts';

const TABLE_OF: Record<keyof Enriched, string> = {
  events: TABLES.events,
  bots: TABLES.botEvents,
  identities: TABLES.identities,
  orders: TABLES.orders,
};

export type InsertFn = (table: string, rows: readonly object[]) => Promise<void>;

export interface BatchWriterOptions {
  /** How long the first row of a batch may wait for company before a flush. */
  flushMs: number;
  /** Flush at once when this many rows are waiting. */
  maxRows: number;
  /** Refuse writes (OverloadedError) beyond this many waiting rows instead of growing memory. */
  maxPending: number;
  /**
   * A second insert starts beside a running one only for a batch of at least this many
   * rows: every insert costs the engine a new part (~15 ms), which small batches can't pay for.
   */
  overlapMinRows?: number;
}

export class OverloadedError extends Error {}

interface Batch {
  rows: { [K in keyof Enriched]: Enriched[K][number][] };
  count: number;
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

const emptyBatch = (): Batch => ({ rows: { events: [], bots: [], identities: [], orders: [] }, count: 0, waiters: [] });

/**
 * Group commit: a write resolves only once the insert holding its rows has returned,
 * so the ingest endpoint can acknowledge an event only after it is stored (an
 * acknowledged event survives kill -9). Whatever arrives while inserts run rides along
 * in the next one, which is what makes single-event requests cheap under load.
 *
 * Two inserts may run at once, so the next batch is serialised while the engine writes
 * the last one. A batch with identities or orders runs alone: its de-duplication reads
 * what the batches before it stored.
 */
export class BatchWriter {
  private pending = emptyBatch();
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private exclusiveInFlight = false;

  constructor(
    private readonly insert: InsertFn,
    private readonly options: BatchWriterOptions,
  ) {}

  get waiting(): number {
    return this.pending.count;
  }

  write(batch: Enriched): Promise<void> {
    const count = batch.events.length + batch.bots.length + batch.identities.length + batch.orders.length;
    if (count === 0) return Promise.resolve();
    if (this.pending.count + count > this.options.maxPending) {
      return Promise.reject(new OverloadedError('ingest queue is full, retry later'));
    }
    for (const key of Object.keys(TABLE_OF) as (keyof Enriched)[]) {
      (this.pending.rows[key] as object[]).push(...batch[key]);
    }
    this.pending.count += count;
    const done = new Promise<void>((resolve, reject) => this.pending.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Inserts everything still waiting; used at shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || this.pending.count > 0) {
      if (this.canStart()) void this.flush();
      await Promise.race(this.inFlight);
    }
  }

  private canStart(): boolean {
    if (this.pending.count === 0) return false;
    if (this.inFlight.size === 0) return true;
    const bigEnough = this.pending.count >= (this.options.overlapMinRows ?? 2_000);
    return bigEnough && this.inFlight.size < MAX_IN_FLIGHT && !this.exclusiveInFlight && !isExclusive(this.pending);
  }

  private schedule(): void {
    if (!this.canStart()) return;
    if (this.pending.count >= this.options.maxRows || this.inFlight.size > 0) {
      void this.flush();
    } else {
      this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
    }
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = emptyBatch();
    const exclusive = isExclusive(batch);
    this.exclusiveInFlight ||= exclusive;
    const run = this.insertBatch(batch).finally(() => {
      this.inFlight.delete(run);
      if (exclusive) this.exclusiveInFlight = false;
      this.schedule();
    });
    this.inFlight.add(run);
    return run;
  }

  private async insertBatch(batch: Batch): Promise<void> {
    try {
      for (const key of Object.keys(TABLE_OF) as (keyof Enriched)[]) {
        const rows = batch.rows[key];
        // A backlog can outgrow one request body; insert it in bounded chunks.
        for (let i = 0; i < rows.length; i += this.options.maxRows) await this.insert(TABLE_OF[key], rows.slice(i, i + this.options.maxRows));
      }
      for (const w of batch.waiters) w.resolve();
    } catch (error) {
      for (const w of batch.waiters) w.reject(error);
    }
  }
}

const MAX_IN_FLIGHT = 2;
const isExclusive = (batch: Batch) => batch.rows.identities.length > 0 || batch.rows.orders.length > 0;

/** Inserts as ingest does: identities merged with the stored ones, known orders dropped, session entries copied onto page views. */
export function clickHouseInsert(client: ClickHouseClient): InsertFn {
  const entries = new SessionEntries(client);
  // Batches prepare one after another (a session's entry must be remembered before its
  // next page view is looked at); only the inserts themselves overlap.
  let preparing: Promise<unknown> = Promise.resolve();
  const prepare = async (table: string, rows: readonly object[]): Promise<readonly object[]> => {
    if (table === TABLES.events) await entries.assign(rows as EventRow[]);
    return table === TABLES.identities ? mergeWithStoredIdentities(client, rows as IdentityRow[])
      : table === TABLES.events ? dropKnownOrders(client, rows as EventRow[], (e) => e.type === 'order')
      : table === TABLES.orders ? dropKnownOrders(client, rows as OrderRow[], () => true)
      : rows;
  };
  return async (table, rows) => {
    const ready = preparing.then(() => prepare(table, rows));
    preparing = ready.catch(() => undefined);
    await bulkInsert(client, table, await ready);
  };
}
