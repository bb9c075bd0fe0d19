import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeLineChunks } from '../../clickhouse/line-chunks.ts';
import { storeJson } from '../../clickhouse/store-json.ts';
import type { Enriched } from './enrich.ts';
import { LINED, linedTable } from './row-line.ts';

// Ingest acknowledges an event once it is in this journal, not once ClickHouse has it:
// waiting for the insert held every request for a group wait plus an insert. A write that returned is in the kernel's page cache and survives kill -9 of the
// process; the batch writer removes a segment once its rows are inserted, and the next
// start loads what is left. Appends made in one turn of the event loop go out together
// (a write per MB): under load a write per request cost more than the rest of the request.
// A kill -9 between two of those writes leaves whole lines, none acknowledged yet.

/** The file of one batch: the rows of every request the batch holds, one JSON line each. */
export interface Segment {
  /** Unique across restarts and sortable by creation: also the base of the batch's insert de-duplication tokens. */
  readonly name: string;
  fd: number | undefined;
}

const SUFFIX = '.jsonl';
const WRITE_AT_LENGTH = 16 * 1024 * 1024;

interface Group {
  segment: Segment;
  /** The group's lines as pieces written one after another, each line ending in its '\n' piece. */
  pieces: string[];
  /** Characters in `pieces`. */
  length: number;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

export class Journal {
  private sequence = 0;
  private readonly startedAt = Date.now().toString(36).padStart(9, '0');
  /** Appends waiting for this turn's write. */
  private group: Group | undefined;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  open(): Segment {
    const name = `${this.startedAt}-${String(++this.sequence).padStart(9, '0')}`;
    return { name, fd: openSync(this.path(name), 'a') };
  }

  /** Resolves once the rows are written (durable); only then may they be acknowledged. */
  append(segment: Segment, rows: Enriched): Promise<void> {
    if (this.group && this.group.segment !== segment) this.writeOut();
    if (!this.group) {
      this.group = { segment, pieces: [], length: 0, waiters: [] };
      setImmediate(() => this.writeOut());
    }
    const g = this.group;
    g.length += encode(rows, g.pieces);
    const durable = new Promise<void>((resolve, reject) => g.waiters.push({ resolve, reject }));
    // A bulk writer appends much in one turn: write out before the group holds too much.
    if (g.length >= WRITE_AT_LENGTH) this.writeOut();
    return durable;
  }

  private writeOut(): void {
    const g = this.group;
    if (!g) return;
    this.group = undefined;
    try {
      if (g.segment.fd === undefined) throw new Error(`journal segment ${g.segment.name} is closed`);
      writeLineChunks(g.segment.fd, g.pieces, '');
    } catch (error) {
      for (const w of g.waiters) w.reject(error);
      return;
    }
    for (const w of g.waiters) w.resolve();
  }

  close(segment: Segment): void {
    if (this.group?.segment === segment) this.writeOut();
    if (segment.fd !== undefined) closeSync(segment.fd);
    segment.fd = undefined;
  }

  remove(segment: Segment): void {
    this.close(segment);
    rmSync(this.path(segment.name), { force: true });
  }

  /** Segments a previous process left behind, oldest first, with the rows they hold. */
  leftovers(): { segment: Segment; rows: Enriched[] }[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()
      .map((file) => {
        const segment: Segment = { name: file.slice(0, -SUFFIX.length), fd: undefined };
        return { segment, rows: parseLines(readFileSync(join(this.dir, file), 'utf8'), file) };
      });
  }

  private path(name: string): string {
    return join(this.dir, `${name}${SUFFIX}`);
  }
}

/**
 * One request's rows, per table the column names once and each row's values in that order:
 * half the bytes and half the serialisation of JSON objects, which matters for big batches.
 */
type Encoded = Partial<Record<keyof Enriched, [string[], unknown[][]]>>;

/** Appends one request's line to `pieces`, its '\n' included, and returns its length. */
function encode(rows: Enriched, pieces: string[]): number {
  let length = 0;
  const add = (piece: string) => {
    pieces.push(piece);
    length += piece.length;
  };
  for (const table of Object.keys(rows) as (keyof Enriched)[]) {
    const list = rows[table] as unknown as Record<string, unknown>[];
    if (list.length === 0) continue;
    add(length === 0 ? `{${JSON.stringify(table)}:` : `,${JSON.stringify(table)}:`);
    const lined = LINED[table];
    const spliced = lined && linedTable(lined, list);
    if (spliced) for (const piece of spliced) add(piece);
    else add(storeJson(encodeTable(list)));
  }
  add(length === 0 ? '{}\n' : '}\n');
  return length;
}

function encodeTable(list: Record<string, unknown>[]): [string[], unknown[][]] {
  const names = new Set<string>();
  for (const row of list) for (const name in row) names.add(name);
  const keys = [...names];
  return [keys, list.map((row) => keys.map((k) => row[k]))];
}

function decode(line: string): Enriched {
  const encoded = JSON.parse(line) as Encoded;
  const rows: Enriched = { events: [], bots: [], identities: [], orders: [] };
  for (const table of Object.keys(rows) as (keyof Enriched)[]) {
    const [keys, values] = encoded[table] ?? [[], []];
    (rows[table] as object[]) = values.map((v) => {
      const row: Record<string, unknown> = {};
      // A value absent from its row was written as null: leave the key out again.
      keys.forEach((k, i) => v[i] !== null && v[i] !== undefined && (row[k] = v[i]));
      return row;
    });
  }
  return rows;
}

function parseLines(text: string, file: string): Enriched[] {
  const rows: Enriched[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      rows.push(decode(line));
    } catch {
      // Only a write cut short by a crash of the machine (not of the process) ends like
      // this, and it was never acknowledged.
      console.error(`ingest journal: skipped a torn line in ${file}`);
    }
  }
  return rows;
}
