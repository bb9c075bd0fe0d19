import type { InsertFn } from '../ingest/clickhouse-insert.ts';
import type { RequestContext } from '../ingest/enrich.ts';
import type { CollectPayload } from '../ingest/payload.ts';

/**
 * Inserts running at once. With one, the generator's thread sat idle 40 % of a 1M run waiting
 * for the insert before it; with two, the engine stores one batch while it parses the next and
 * the generator makes a third (bench/RESULTS.md, "The generator's batches in flight").
 */
const IN_FLIGHT = 2;

/**
 * Streams generated rows into their tables in batches of `batchRows`, at most IN_FLIGHT
 * inserts at a time, so memory stays bounded by about IN_FLIGHT + 1 batches per table.
 *
 * Only events batches overlap each other. Preparing one reads nothing the batch before it
 * stores: this process saw every session from its first page view (SessionEntries keeps them),
 * and the generator makes each order once, so the known-orders check never needs the last
 * batch stored. Identities, orders and leads are merged or keyed against what is stored,
 * so a batch of those waits for its table's batch before it.
 */
export class BatchSink {
  private readonly buffers = new Map<string, object[]>();
  /** Inserts not yet done, oldest first. */
  private running: Promise<void>[] = [];
  private readonly lastOf = new Map<string, Promise<void>>();
  private failure: { error: unknown } | undefined;
  private insertedEvents = 0;

  constructor(
    private readonly insert: InsertFn,
    private readonly batchRows: number,
    private readonly eventsTable: string,
    private readonly onEventsInserted: (total: number) => void,
    /** Sees each snippet request as it is made, before enrichment (the batch bench replays them). */
    readonly onRequest?: (payload: CollectPayload, ctx: RequestContext) => void,
  ) {}

  add(table: string, row: object): void {
    let rows = this.buffers.get(table);
    if (!rows) this.buffers.set(table, (rows = []));
    rows.push(row);
  }

  /** True when some table holds a full batch; the caller then awaits flush(). */
  get full(): boolean {
    for (const rows of this.buffers.values()) if (rows.length >= this.batchRows) return true;
    return false;
  }

  async flush(all = false): Promise<void> {
    for (const [table, rows] of this.buffers) {
      if (rows.length >= this.batchRows || (all && rows.length > 0)) {
        this.buffers.set(table, []);
        // A buffer overshoots its batch by the last visit's rows: those go with it. Sent apart,
        // a batch of a few rows cost a whole insert and its preparation.
        const size = Math.ceil(rows.length / Math.max(1, Math.floor(rows.length / this.batchRows)));
        for (let i = 0; i < rows.length; i += size) await this.send(table, rows.slice(i, i + size));
      }
    }
  }

  async close(): Promise<void> {
    await this.flush(true);
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private async send(table: string, rows: object[]): Promise<void> {
    while (this.running.length >= IN_FLIGHT) await this.running[0];
    if (table !== this.eventsTable) await this.lastOf.get(table);
    this.throwIfFailed();
    // The rejection is kept and rethrown on the next call: a promise nobody awaits yet
    // must not reject unhandled while generation goes on.
    const done: Promise<void> = this.insert(table, rows).then(
      () => {
        if (table !== this.eventsTable) return;
        this.insertedEvents += rows.length;
        this.onEventsInserted(this.insertedEvents);
      },
      (error: unknown) => {
        this.failure = { error };
      },
    );
    const settled = done.finally(() => (this.running = this.running.filter((p) => p !== settled)));
    this.running.push(settled);
    this.lastOf.set(table, settled);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
