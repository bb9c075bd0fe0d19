import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Enriched } from './enrich.ts';

// Ingest acknowledges an event once it is in this journal, not once ClickHouse has it:
// waiting for the insert held every request for a group wait plus an insert (~60 ms a
// cycle). A write that returned is in the kernel's page cache and survives kill -9 of the
// process; the batch writer removes a segment once its rows are inserted, and the next
// start loads what is left. Appends made in one turn of the event loop go out in one
// write: under load a write per request cost more than the rest of the request.

/** The file of one batch: the rows of every request the batch holds, one JSON line each. */
export interface Segment {
  /** Unique across restarts and sortable by creation: also the base of the batch's insert de-duplication tokens. */
  readonly name: string;
  fd: number | undefined;
}

const SUFFIX = '.jsonl';

interface Group {
  segment: Segment;
  lines: string[];
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
      this.group = { segment, lines: [], waiters: [] };
      setImmediate(() => this.writeOut());
    }
    this.group.lines.push(`${JSON.stringify(rows)}\n`);
    const g = this.group;
    return new Promise((resolve, reject) => g.waiters.push({ resolve, reject }));
  }

  private writeOut(): void {
    const g = this.group;
    if (!g) return;
    this.group = undefined;
    try {
      if (g.segment.fd === undefined) throw new Error(`journal segment ${g.segment.name} is closed`);
      const bytes = Buffer.from(g.lines.join(''));
      for (let at = 0; at < bytes.length; ) at += writeSync(g.segment.fd, bytes, at);
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

function parseLines(text: string, file: string): Enriched[] {
  const rows: Enriched[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      rows.push(JSON.parse(line) as Enriched);
    } catch {
      // Only a write cut short by a crash of the machine (not of the process) ends like
      // this, and it was never acknowledged.
      console.error(`ingest journal: skipped a torn line in ${file}`);
    }
  }
  return rows;
}
