import { describe, expect, it } from 'vitest';
import type { EventRow, OrderRow } from '../../clickhouse/rows.ts';
import { BatchWriter, OverloadedError } from './batch-writer.ts';
import type { Enriched } from './enrich.ts';

const batch = (n: number): Enriched => ({
  events: Array.from({ length: n }, (_, i) => ({ event_id: String(i) }) as EventRow),
  bots: [],
  identities: [],
  orders: [],
});

function recordingInsert() {
  const calls: { table: string; rows: number }[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  return {
    calls,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release() {
      release?.();
      gate = undefined;
    },
    insert: async (table: string, rows: readonly object[]) => {
      calls.push({ table, rows: rows.length });
      await gate;
    },
  };
}

describe('BatchWriter', () => {
  it('acknowledges a write only after the insert holding it returned', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
    let acked = false;
    const done = writer.write(batch(3)).then(() => (acked = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(rec.calls).toEqual([{ table: 'events', rows: 3 }]);
    expect(acked).toBe(false);
    rec.release();
    await done;
    expect(acked).toBe(true);
  });

  it('runs at most two inserts at once and groups what arrives meanwhile into the next one', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
    const first = writer.write(batch(1));
    await new Promise((r) => setTimeout(r, 10));
    const second = writer.write(batch(2));
    const rest = [writer.write(batch(3)), writer.write(batch(4)), writer.write(batch(5))];
    await new Promise((r) => setTimeout(r, 10));
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 2]);
    rec.release();
    await Promise.all([first, second, ...rest]);
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 2, 12]);
  });

  it('lets a small batch wait for the running insert instead of paying for a part of its own', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 5 });
    const first = writer.write(batch(1));
    await new Promise((r) => setTimeout(r, 10));
    const small = writer.write(batch(4));
    await new Promise((r) => setTimeout(r, 10));
    expect(rec.calls.map((c) => c.rows)).toEqual([1]);
    const big = writer.write(batch(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 5]);
    rec.release();
    await Promise.all([first, small, big]);
  });

  it('runs a batch with orders alone, after the inserts before it returned', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
    const events = writer.write(batch(1));
    await new Promise((r) => setTimeout(r, 10));
    const order = writer.write({ ...batch(1), orders: [{ order_id: 'o-1' } as OrderRow] });
    await new Promise((r) => setTimeout(r, 10));
    expect(rec.calls).toEqual([{ table: 'events', rows: 1 }]);
    rec.release();
    await events;
    rec.hold();
    await new Promise((r) => setTimeout(r, 10));
    const later = writer.write(batch(2));
    await new Promise((r) => setTimeout(r, 10));
    // The order batch is running: the next batch waits for it.
    expect(rec.calls.map((c) => `${c.table}:${c.rows}`)).toEqual(['events:1', 'events:1']);
    rec.release();
    await Promise.all([order, later]);
    expect(rec.calls.map((c) => `${c.table}:${c.rows}`)).toEqual(['events:1', 'events:1', 'orders:1', 'events:2']);
  });

  it('rejects every write of a failed insert so nothing unstored is acknowledged', async () => {
    const writer = new BatchWriter(() => Promise.reject(new Error('disk full')), { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
    await expect(Promise.all([writer.write(batch(1)), writer.write(batch(1))])).rejects.toThrow('disk full');
  });

  it('refuses writes beyond its bound instead of growing', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1000, maxRows: 1000, maxPending: 5 });
    const ok = writer.write(batch(4));
    await expect(writer.write(batch(2))).rejects.toBeInstanceOf(OverloadedError);
    rec.release();
    await writer.drain();
    await ok;
    expect(rec.calls).toEqual([{ table: 'events', rows: 4 }]);
  });

  it('splits a backlog into inserts of at most maxRows', async () => {
    const rec = recordingInsert();
    rec.hold();
    const writer = new BatchWriter(rec.insert, { flushMs: 1, maxRows: 4, maxPending: 100, overlapMinRows: 1 });
    const first = writer.write(batch(1));
    await new Promise((r) => setTimeout(r, 10));
    const running = [first, writer.write(batch(1))];
    const backlog = [writer.write(batch(3)), writer.write(batch(3)), writer.write(batch(3))];
    rec.release();
    await Promise.all([...running, ...backlog]);
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 1, 4, 4, 1]);
  });

  it('flushes at once when a batch is full', async () => {
    const rec = recordingInsert();
    const writer = new BatchWriter(rec.insert, { flushMs: 60_000, maxRows: 5, maxPending: 100, overlapMinRows: 1 });
    await writer.write(batch(5));
    expect(rec.calls).toEqual([{ table: 'events', rows: 5 }]);
  });
});
