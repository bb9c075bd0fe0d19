import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventRow, IdentityRow, OrderRow } from '../../clickhouse/rows.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { BatchWriter, OverloadedError, type BatchWriterOptions } from './batch-writer.ts';
import { type InsertFn } from './clickhouse-insert.ts';
import type { Enriched } from './enrich.ts';
import { DeadLetters } from './dead-letter.ts';
import { Journal } from './journal.ts';

const batch = (n: number, tag = 'e'): Enriched => ({
  events: Array.from({ length: n }, (_, i) => ({ event_id: `${tag}${i}` }) as EventRow),
  bots: [],
  identities: [],
  orders: [],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingInsert() {
  const calls: { table: string; rows: number; token: string | undefined }[] = [];
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
    insert: (async (table, rows, token) => {
      calls.push({ table, rows: rows.length, token });
      await gate;
    }) as InsertFn,
  };
}

function writerWith(insert: InsertFn, options: Omit<BatchWriterOptions, 'deadLetters'>, dir = tempDir('journal')) {
  return {
    writer: new BatchWriter({ prepare: (_table, rows) => Promise.resolve(rows), insert }, new Journal(dir), {
      ...options,
      deadLetters: new DeadLetters(`${dir}-dead-letter`),
    }),
    dir,
    segments: () => readdirSync(dir),
  };
}

function gatedInsert() {
  const calls: string[] = [];
  const gates = new Map<string, { opened: Promise<void>; open: () => void }>();
  const insert: InsertFn = async (table, rows, token) => {
    const ids = rows.map((r) => String(Object.values(r)[0])).join('+');
    const label = `${table}:${ids}${token?.endsWith(':orders') ? ' (orders)' : ''}`;
    calls.push(label);
    await gates.get(label)?.opened;
  };
  return {
    calls,
    insert,
    hold(label: string) {
      let open = () => {};
      const opened = new Promise<void>((r) => (open = r));
      gates.set(label, { opened, open });
    },
    release: (label: string) => gates.get(label)?.open(),
  };
}

const withOrder = (tag: string, order: string): Enriched => ({
  events: [{ event_id: `${tag}0`, type: 'pageview' } as EventRow, { event_id: `${tag}1`, type: 'order' } as EventRow],
  bots: [],
  identities: [{ visitor_id: `${tag}-visitor` } as IdentityRow],
  orders: [{ order_id: order } as OrderRow],
});

/** A writer over a gated insert holding `held`, after a first batch with an order (o-1) was written. */
async function gatedWriterWithOrder(held: string[]) {
  const g = gatedInsert();
  for (const label of held) g.hold(label);
  const { writer } = writerWith(g.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
  const first = writer.write(withOrder('a', 'o-1'));
  await sleep(10);
  return { ...g, writer, first };
}

describe('BatchWriter', () => {
  it('acknowledges a write once it is journaled, and settles `stored` once its insert returned', async () => {
    const rec = recordingInsert();
    rec.hold();
    const { writer, dir, segments } = writerWith(rec.insert, {
      flushMs: 10,
      maxRows: 100,
      maxPending: 1000,
      overlapMinRows: 1,
    });
    let stored = false;
    const written = writer.write(batch(3, 'a'));
    const also = writer.write(batch(1, 'b'));
    void written.stored.then(() => (stored = true));
    // Durable before any insert ran: both requests' rows are in the journal, one line each.
    await Promise.all([written.durable, also.durable]);
    expect(rec.calls).toEqual([]);
    expect(segments()).toHaveLength(1);
    expect(new Journal(dir).leftovers().map((l) => l.rows)).toEqual([[batch(3, 'a'), batch(1, 'b')]]);
    await sleep(20);
    expect(rec.calls.map((c) => c.rows)).toEqual([4]);
    expect(stored).toBe(false);
    rec.release();
    await written.stored;
    expect(segments()).toEqual([]);
  });

  it('runs at most two inserts at once and groups what arrives meanwhile into the next one', async () => {
    const rec = recordingInsert();
    rec.hold();
    const { writer } = writerWith(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 1 });
    const first = writer.write(batch(1));
    await sleep(10);
    const second = writer.write(batch(2));
    const rest = [writer.write(batch(3)), writer.write(batch(4)), writer.write(batch(5))];
    await sleep(10);
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 2]);
    rec.release();
    await Promise.all([first, second, ...rest].map((w) => w.stored));
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 2, 12]);
  });

  it('lets a small batch wait for the running insert instead of paying for a part of its own', async () => {
    const rec = recordingInsert();
    rec.hold();
    const { writer } = writerWith(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000, overlapMinRows: 5 });
    const first = writer.write(batch(1));
    await sleep(10);
    const small = writer.write(batch(4));
    await sleep(10);
    expect(rec.calls.map((c) => c.rows)).toEqual([1]);
    const big = writer.write(batch(1));
    await sleep(10);
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 5]);
    rec.release();
    await Promise.all([first, small, big].map((w) => w.stored));
  });

  it('stores order events, identities and orders first, and starts the next batch only once they are in', async () => {
    const { writer, first, ...g } = await gatedWriterWithOrder(['orders:o-1', 'events:a0']);
    const second = writer.write(batch(1, 'b'));
    await sleep(10);
    // The order row waits for its event; the next batch waits for the order row.
    expect(g.calls).toEqual(['events:a1 (orders)', 'identities:a-visitor', 'orders:o-1']);
    g.release('orders:o-1');
    await sleep(10);
    // The first batch's page view is still being stored; the next batch runs beside it.
    expect(g.calls.slice(3)).toEqual(['events:a0', 'events:b0']);
    await second.stored;
    g.release('events:a0');
    await first.stored;
  });

  it('keeps a batch waiting while the one before it settles, even when an older one ends meanwhile', async () => {
    const { writer, first, ...g } = await gatedWriterWithOrder(['events:a0', 'orders:o-2']);
    const second = writer.write(withOrder('b', 'o-2'));
    await sleep(10);
    expect(g.calls.at(-1)).toBe('orders:o-2');
    g.release('events:a0');
    await first.stored;
    const third = writer.write(batch(1, 'c'));
    await sleep(10);
    expect(g.calls).not.toContain('events:c0');
    g.release('orders:o-2');
    await Promise.all([second.stored, third.stored]);
    expect(g.calls.slice(-2)).toEqual(['events:b0', 'events:c0']);
  });

  it('tries a failed insert again with the same tokens, before anything newer, and keeps its rows journaled meanwhile', async () => {
    const calls: { rows: number; token: string | undefined }[] = [];
    let failures = 1;
    const insert: InsertFn = async (_table, rows, token) => {
      calls.push({ rows: rows.length, token });
      await sleep(1);
      if (failures-- > 0) throw new Error('store unavailable');
    };
    const { writer, segments } = writerWith(insert, {
      flushMs: 1,
      maxRows: 100,
      maxPending: 1000,
      overlapMinRows: 1,
      retryMs: 40,
    });
    const first = writer.write(batch(2));
    await sleep(15);
    // The first insert failed; a newer batch waits behind its retry.
    const second = writer.write(batch(3));
    await sleep(10);
    expect(calls.map((c) => c.rows)).toEqual([2]);
    expect(segments()).toHaveLength(2);
    await Promise.all([first.stored, second.stored]);
    expect(calls.map((c) => c.rows)).toEqual([2, 2, 3]);
    expect(calls[1]?.token).toBe(calls[0]?.token);
    expect(calls[2]?.token).not.toBe(calls[0]?.token);
    expect(segments()).toEqual([]);
  });

  it('leaves rows it cannot insert in the journal, and a later writer stores them under the same tokens', async () => {
    const tokens: (string | undefined)[] = [];
    const failing: InsertFn = (_t, _rows, token) => {
      tokens.push(token);
      return Promise.reject(new Error('disk full'));
    };
    const { writer, dir, segments } = writerWith(failing, {
      flushMs: 1,
      maxRows: 100,
      maxPending: 1000,
      retryMs: 60_000,
    });
    writer.write(batch(2, 'x'));
    writer.write(batch(1, 'y'));
    await expect(writer.drain()).rejects.toThrow('3 journaled rows could not be inserted');
    expect(segments()).toHaveLength(1);

    const rec = recordingInsert();
    const restarted = writerWith(rec.insert, { flushMs: 1, maxRows: 100, maxPending: 1000 }, dir);
    expect(await restarted.writer.recover()).toEqual({ stored: 3, setAside: 0, kept: 0 });
    expect(rec.calls).toEqual([{ table: 'events', rows: 3, token: tokens[0] }]);
    expect(segments()).toEqual([]);
  });

  it('refuses writes beyond its bound instead of growing', async () => {
    const rec = recordingInsert();
    rec.hold();
    const { writer } = writerWith(rec.insert, { flushMs: 1000, maxRows: 1000, maxPending: 5 });
    const ok = writer.write(batch(4));
    expect(() => writer.write(batch(2))).toThrow(OverloadedError);
    rec.release();
    await writer.drain();
    await ok.stored;
    expect(rec.calls.map((c) => c.rows)).toEqual([4]);
  });

  it('splits a backlog into inserts of at most maxRows, each with a token of its own', async () => {
    const rec = recordingInsert();
    rec.hold();
    const { writer } = writerWith(rec.insert, { flushMs: 1, maxRows: 4, maxPending: 100, overlapMinRows: 1 });
    const first = writer.write(batch(1));
    await sleep(10);
    const running = [first, writer.write(batch(1))];
    const backlog = [writer.write(batch(3)), writer.write(batch(3)), writer.write(batch(3))];
    rec.release();
    await Promise.all([...running, ...backlog].map((w) => w.stored));
    expect(rec.calls.map((c) => c.rows)).toEqual([1, 1, 4, 4, 1]);
    expect(new Set(rec.calls.map((c) => c.token)).size).toBe(5);
  });

  it('flushes at once when a batch is full', async () => {
    const rec = recordingInsert();
    const { writer } = writerWith(rec.insert, { flushMs: 60_000, maxRows: 5, maxPending: 100, overlapMinRows: 1 });
    await writer.write(batch(5)).stored;
    expect(rec.calls.map((c) => c.rows)).toEqual([5]);
  });

  it('sets aside the rows the store refuses for their content and stores the rest, without holding up newer batches', async () => {
    const refused = Object.assign(new Error("Cannot parse input: expected '\"' before: zz"), {
      code: '27',
      type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
    });
    const stored: string[] = [];
    const insert: InsertFn = (_table, rows) => {
      const ids = rows.map((r) => (r as EventRow).event_id);
      if (ids.some((id) => id.startsWith('bad'))) return Promise.reject(refused);
      stored.push(...ids);
      return Promise.resolve();
    };
    const dir = tempDir('journal');
    const { writer } = writerWith(insert, { flushMs: 1, maxRows: 100, maxPending: 1000 }, dir);
    const poisoned: Enriched = {
      ...batch(6, 'ok'),
      events: [...batch(3, 'ok').events, { event_id: 'bad0' } as EventRow, ...batch(3, 'ok2').events],
    };
    await writer.write(poisoned).stored;
    await writer.write(batch(2, 'newer')).stored;
    expect(stored.sort()).toEqual(['newer0', 'newer1', 'ok0', 'ok1', 'ok2', 'ok20', 'ok21', 'ok22']);
    const letters = new DeadLetters(`${dir}-dead-letter`);
    expect(letters.total).toBe(1);
    const [file] = readdirSync(letters.dir);
    const letter = JSON.parse(readFileSync(join(letters.dir, String(file)), 'utf8')) as {
      table: string;
      reason: string;
      row: EventRow;
    };
    expect(letter).toMatchObject({ table: 'events', reason: refused.message, row: { event_id: 'bad0' } });
  });

  it('keeps retrying an outage (not a refusal) before anything newer', async () => {
    let down = true;
    const stored: string[] = [];
    const insert: InsertFn = (_table, rows) => {
      if (down) return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      stored.push(...rows.map((r) => (r as EventRow).event_id));
      return Promise.resolve();
    };
    const { writer, dir } = writerWith(insert, { flushMs: 1, maxRows: 100, maxPending: 1000, retryMs: 5 });
    const first = writer.write(batch(2, 'a'));
    await sleep(20);
    const second = writer.write(batch(1, 'b'));
    await sleep(20);
    expect(stored).toEqual([]);
    down = false;
    await Promise.all([first.stored, second.stored]);
    expect(stored).toEqual(['a0', 'a1', 'b0']);
    expect(new DeadLetters(`${dir}-dead-letter`).total).toBe(0);
  });
});
