import type { InsertFn } from '../ingest/clickhouse-insert.ts';
import type { RequestContext } from '../ingest/enrich.ts';
import type { CollectPayload } from '../ingest/payload.ts';

/**
 * Streams generated rows into their tables in batches of `batchRows`. One insert runs
 * while the next batch is being generated (the embedded engine works on its own
 * thread), never more, so memory stays bounded by about two batches per table.
 */
export class BatchSink {
  private readonly buffers = new Map<string, object[]>();
  private tail: Promise<void> = Promise.resolve();
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
        for (let i = 0; i < rows.length; i += this.batchRows) await this.send(table, rows.slice(i, i + this.batchRows));
      }
    }
  }

  async close(): Promise<void> {
    await this.flush(true);
    await this.tail;
    this.throwIfFailed();
  }

  private async send(table: string, rows: object[]): Promise<void> {
    await this.tail;
    this.throwIfFailed();
    // The rejection is kept and rethrown on the next call: a promise nobody awaits yet
    // must not reject unhandled while generation goes on.
    this.tail = this.insert(table, rows).then(
      () => {
        if (table !== this.eventsTable) return;
        this.insertedEvents += rows.length;
        this.onEventsInserted(this.insertedEvents);
      },
      (error: unknown) => {
        this.failure = { error };
      },
    );
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
