import { expect, it } from 'vitest';
import { BatchSink } from './batch-sink.ts';

// An insert the test finishes by hand: which batches the sink has started, and when.
function manualInserts() {
  const started: { table: string; rows: number; finish: () => void; fail: (e: Error) => void }[] = [];
  const insert = (table: string, rows: readonly object[]) =>
    new Promise<void>((resolve, reject) => {
      started.push({ table, rows: rows.length, finish: resolve, fail: reject });
    });
  return { started, insert };
}

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));
const tick = () => new Promise((r) => setTimeout(r, 0));

it('runs two events batches at once, never a third', async () => {
  const { started, insert } = manualInserts();
  const sink = new BatchSink(insert, 10, 'events', () => undefined);
  const flushes: Promise<void>[] = [];
  for (let b = 0; b < 3; b++) {
    for (const row of rowsOf(10)) sink.add('events', row);
    flushes.push(sink.flush());
    await tick();
  }
  expect(started.map((s) => s.table)).toEqual(['events', 'events']);
  started[0]!.finish();
  await tick();
  expect(started).toHaveLength(3);
  for (const s of started.slice(1)) s.finish();
  await Promise.all(flushes);
  await sink.close();
});

it('holds a batch of identities until the one before it is stored', async () => {
  const { started, insert } = manualInserts();
  const sink = new BatchSink(insert, 5, 'events', () => undefined);
  for (const row of rowsOf(5)) sink.add('identities', row);
  await sink.flush();
  for (const row of rowsOf(5)) sink.add('identities', row);
  const second = sink.flush();
  await tick();
  // A second insert could run, but it would merge against identities not stored yet.
  expect(started).toHaveLength(1);
  started[0]!.finish();
  await second;
  expect(started).toHaveLength(2);
  started[1]!.finish();
  await sink.close();
});

it('sends the rows a visit added past the batch with it, not as a batch of their own', async () => {
  const { started, insert } = manualInserts();
  const sink = new BatchSink(insert, 10, 'events', () => undefined);
  for (const row of rowsOf(13)) sink.add('events', row);
  const flushed = sink.flush();
  await tick();
  expect(started.map((s) => s.rows)).toEqual([13]);
  started[0]!.finish();
  await flushed;
  // Far past it (the last flush of a run), batches stay near the size asked for.
  for (const row of rowsOf(25)) sink.add('events', row);
  const closed = sink.close();
  await tick();
  started[1]?.finish();
  await tick();
  started[2]?.finish();
  await closed;
  expect(started.slice(1).map((s) => s.rows)).toEqual([13, 12]);
});

it('counts stored events and rethrows a failed insert', async () => {
  const { started, insert } = manualInserts();
  const counts: number[] = [];
  const sink = new BatchSink(insert, 4, 'events', (n) => counts.push(n));
  for (const row of rowsOf(4)) sink.add('events', row);
  await sink.flush();
  for (const row of rowsOf(4)) sink.add('events', row);
  await sink.flush();
  started[0]!.finish();
  started[1]!.fail(new Error('engine refused'));
  await expect(sink.close()).rejects.toThrow('engine refused');
  expect(counts).toEqual([4]);
});
