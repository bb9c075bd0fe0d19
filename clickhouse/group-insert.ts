import type { ClickHouseClient } from '@clickhouse/client';

/** Rows in one insert at most: a burst beyond it takes several. */
const ROWS_PER_INSERT = 1_000;

/**
 * Rows stored by group commit: each `store` resolves once the insert that holds its row has
 * returned (stored first, as a one-row insert would be), but the rows stored in the same turn
 * of the loop, or while an insert runs, go together in one. One-row inserts of a burst queue on
 * the engine's few sessions, each a new part of ~10–40 ms of CPU: twenty agents answering in the
 * same instant, or a 10,000-person import's webhooks, waited for one insert after another. A
 * failing batch is retried row by row, so one bad row fails its own caller only.
 */
export class GroupInsert<Row> {
  private waiting: { row: Row; stored: () => void; failed: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly table: string,
  ) {}

  store(row: Row): Promise<void> {
    return new Promise((stored, failed) => {
      this.waiting.push({ row, stored, failed });
      if (this.writing) return;
      this.writing = true;
      queueMicrotask(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, ROWS_PER_INSERT);
      try {
        await this.insert(batch.map((w) => w.row));
        for (const w of batch) w.stored();
      } catch (error) {
        const [only] = batch;
        if (batch.length === 1 && only) only.failed(error);
        else for (const w of batch) await this.insert([w.row]).then(w.stored, w.failed);
      }
    }
    this.writing = false;
  }

  private async insert(values: Row[]): Promise<void> {
    await this.ch.insert({ table: this.table, values, format: 'JSONEachRow' });
  }
}
