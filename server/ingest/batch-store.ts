import type { EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { IngestStore } from './clickhouse-insert.ts';
import { isContentError, type DeadLetter, type DeadLetters } from './dead-letter.ts';
import type { Enriched } from './enrich.ts';

/** One batch's rows per table, as the batch writer gathers them. */
export type BatchRows = { [K in keyof Enriched]: Enriched[K][number][] };

const TABLE_OF: Record<keyof Enriched, string> = {
  events: TABLES.events,
  bots: TABLES.botEvents,
  identities: TABLES.identities,
  orders: TABLES.orders,
};

interface Chunk {
  token: string;
  rows: readonly object[];
}

/**
 * Stores one batch in chunks of at most `maxRows`, each insert with a de-duplication token
 * made of the segment, table and chunk; returns how many rows were set aside. `settled` is
 * called once what the next batch's reads depend on is stored: the order events before their
 * orders (an order row proves its event is stored), identities and orders; the bulk of the
 * page views and the bot rows come after.
 */
export async function storeBatch(
  store: IngestStore,
  batch: BatchRows,
  segment: string,
  options: { maxRows: number; deadLetters: DeadLetters },
  settled = () => {},
): Promise<number> {
  const letters: DeadLetter[] = [];
  const chunks = (key: keyof Enriched, rows: readonly object[]): Chunk[] =>
    Array.from({ length: Math.ceil(rows.length / options.maxRows) }, (_, c) => ({
      token: `${segment}:${key}:${c}`,
      rows: rows.slice(c * options.maxRows, (c + 1) * options.maxRows),
    }));
  const put = (table: string, token: string, rows: readonly object[]) =>
    rows.length === 0 ? undefined : insertOrSplit(store, table, rows, token, letters);
  const views: Chunk[] = [];
  for (const chunk of chunks('events', batch.events)) {
    const rows = await store.prepare(TABLES.events, chunk.rows);
    const isOrder = (r: object) => (r as EventRow).type === 'order';
    await put(TABLES.events, `${chunk.token}:orders`, rows.filter(isOrder));
    views.push({ token: chunk.token, rows: rows.filter((r) => !isOrder(r)) });
  }
  const prepareAndPut = async (key: keyof Enriched) => {
    for (const { token, rows } of chunks(key, batch[key]))
      await put(TABLE_OF[key], token, await store.prepare(TABLE_OF[key], rows));
  };
  await prepareAndPut('identities');
  await prepareAndPut('orders');
  settled();
  for (const chunk of views) await put(TABLES.events, chunk.token, chunk.rows);
  await prepareAndPut('bots');
  options.deadLetters.put(segment, letters);
  return letters.length;
}

/**
 * Inserts `rows`; when the store refuses them for what they hold, halves them until each
 * refused row stands alone and sets it aside (~2·log₂ n inserts for one bad row). The
 * halves carry their own tokens, so a segment split again after a crash stores nothing twice.
 */
async function insertOrSplit(
  store: IngestStore,
  table: string,
  rows: readonly object[],
  token: string,
  letters: DeadLetter[],
): Promise<void> {
  try {
    await store.insert(table, rows, token);
  } catch (error) {
    if (!isContentError(error)) throw error;
    const [only] = rows;
    if (rows.length === 1 && only) {
      letters.push({ table, reason: firstLine(error).slice(0, 300), row: only });
      return;
    }
    const half = Math.ceil(rows.length / 2);
    await insertOrSplit(store, table, rows.slice(0, half), `${token}/a`, letters);
    await insertOrSplit(store, table, rows.slice(half), `${token}/b`, letters);
  }
}

const firstLine = (error: unknown) => String((error as Error).message).split('\n')[0] ?? '';
