import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { writeLineChunks } from './line-chunks.ts';
import { col, readRows } from './read-rows.ts';
import { storeJson } from './store-json.ts';

// Ingest's batches are the only large inserts. Over HTTP they stream as JSONEachRow. The
// embedded engine parses an insert's inline body row by row, while it reads the same rows
// from a file (`FROM INFILE`, like its file() table function) several times faster; so there the batch is handed over as
// a file, written as compact JSON arrays (half the bytes and half the serialisation of
// JSON objects). The file is only a hand-over: the insert has returned before the caller
// acknowledges anything.

/** Embedded clients; clients of a ClickHouse server are absent. */
const embedded = new WeakSet<ClickHouseClient>();

/** Marks `client` as the embedded engine: its bulk inserts go through hand-over files. */
export function useFileHandOver(client: ClickHouseClient): void {
  handOverDir();
  embedded.add(client);
}

const DIR_PREFIX = 'leadtrail-insert-';
let dir: string | undefined;
function handOverDir(): string {
  if (dir) return dir;
  // tmpfs when there is one: the file never needs to reach a disk.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  removeOrphans(base);
  dir = join(base, `${DIR_PREFIX}${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const made = dir;
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return dir;
}

/** A process killed mid-insert leaves its directory (and maybe a batch) behind: in tmpfs that is memory. */
function removeOrphans(base: string): void {
  for (const name of readdirSync(base)) {
    const pid = name.startsWith(DIR_PREFIX) ? Number(name.slice(DIR_PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid))
      rmSync(join(base, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Parsing on several threads pays off for bulk loads; for the few hundred rows of an
// ingest batch its start-up cost more than it saved, and one thread leaves the other
// core to the requests (single-event HTTP ingest: 7.3k req/s against 5.8k).
const PARALLEL_PARSING_MIN_ROWS = 10_000;

/** Per client and table: the insertable columns in table order, the order of each compact row. */
const columnCache = new WeakMap<ClickHouseClient, Map<string, Promise<string[]>>>();
let sequence = 0;

/**
 * Inserts `rows` (objects keyed by column name; absent keys take the column default) into
 * `table`. With a `dedupToken`, a table keeping a de-duplication window stores a repeated
 * insert of the same token once.
 */
export async function bulkInsert(
  client: ClickHouseClient,
  table: string,
  rows: readonly object[],
  dedupToken?: string,
): Promise<void> {
  if (rows.length === 0) return;
  if (!embedded.has(client)) {
    await client.insert({
      table,
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: dedupToken ? { insert_deduplication_token: dedupToken } : {},
    });
    return;
  }
  const file = await writeInsertFile(client, table, rows);
  try {
    await insertFile(client, file, dedupToken);
  } finally {
    rmSync(file.path, { force: true });
  }
}

/** A hand-over file ready for `insertFile`: the rows as compact JSON lines in `columns` order. */
export interface InsertFile {
  table: string;
  columns: readonly string[];
  path: string;
  rows: number;
}

/** Writes `rows` as the embedded engine's insert file (the caller removes it). */
export async function writeInsertFile(
  client: ClickHouseClient,
  table: string,
  rows: readonly object[],
): Promise<InsertFile> {
  const names = await columnsOf(client, table);
  const lines: string[] = new Array<string>(rows.length);
  const values: unknown[] = new Array<unknown>(names.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    // null → the column's default (input_format_null_as_default).
    for (let c = 0; c < names.length; c++) values[c] = row[names[c] as string] ?? null;
    lines[i] = storeJson(values);
  }
  return writeLines(table, names, lines);
}

/** Compact JSON lines already serialised in `columns` order, written as an insert file. */
export function writeLines(table: string, columns: readonly string[], lines: readonly string[]): InsertFile {
  return writeFile(table, columns, lines.length, (fd) => writeLineChunks(fd, lines, '\n'));
}

/** The same from pieces written one after another, each row's line ending in its own '\n'. */
export function writePieces(
  table: string,
  columns: readonly string[],
  pieces: readonly string[],
  rows: number,
): InsertFile {
  return writeFile(table, columns, rows, (fd) => writeLineChunks(fd, pieces, ''));
}

function writeFile(table: string, columns: readonly string[], rows: number, write: (fd: number) => void): InsertFile {
  const path = join(handOverDir(), `${table}-${++sequence}.jsonl`);
  // Synchronous: a few MB into tmpfs is quick, while the async call queued behind the
  // engine's queries in libuv's pool.
  const fd = openSync(path, 'w');
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
  return { table, columns, path, rows };
}

/** Inserts a file written by `writeInsertFile`, `writeLines` or `writePieces` (embedded engine only). */
export async function insertFile(client: ClickHouseClient, file: InsertFile, dedupToken?: string): Promise<void> {
  const settings = [
    ...(file.rows < PARALLEL_PARSING_MIN_ROWS ? ['input_format_parallel_parsing = 0', 'max_threads = 1'] : []),
    ...(dedupToken ? [`insert_deduplication_token = ${quote(dedupToken)}`] : []),
  ];
  await client.command({
    query: `INSERT INTO ${file.table} (${file.columns.join(', ')}) FROM INFILE ${quote(file.path)}
            ${settings.length > 0 ? `SETTINGS ${settings.join(', ')}` : ''}
            FORMAT JSONCompactEachRow`,
  });
}

/** True when bulk inserts into `client` go through hand-over files. */
export function usesFileHandOver(client: ClickHouseClient): boolean {
  return embedded.has(client);
}

/** After a migration: a column added since must be part of the next insert. */
export function forgetColumns(client: ClickHouseClient): void {
  columnCache.delete(client);
}

function columnsOf(client: ClickHouseClient, table: string): Promise<string[]> {
  let tables = columnCache.get(client);
  if (!tables) columnCache.set(client, (tables = new Map<string, Promise<string[]>>()));
  let columns = tables.get(table);
  if (!columns) {
    columns = readRows(
      client,
      {
        query: `SELECT name FROM system.columns
              WHERE database = currentDatabase() AND table = {table:String} AND default_kind NOT IN ('MATERIALIZED', 'ALIAS', 'EPHEMERAL')
              ORDER BY position`,
        query_params: { table },
      },
      z.object({ name: col.text }),
    ).then((cols) => {
      if (cols.length === 0) throw new Error(`bulkInsert: table ${table} has no columns`);
      return cols.map((c) => c.name);
    });
    columns.catch(() => void tables.delete(table));
    tables.set(table, columns);
  }
  return columns;
}

const quote = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
