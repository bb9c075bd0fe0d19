import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A row the store refuses for what it holds (a value it cannot parse or convert) would be
// refused on every retry, and the batch writer tries a failed batch again before anything
// newer: one such row used to stop ingest for every site. Rows like that are set aside
// here, one file per journal segment, with the reason; an outage is not a refusal and
// keeps being retried.

/** ClickHouse error types that blame the inserted data, not the store. */
const CONTENT_ERRORS = new Set([
  'TYPE_MISMATCH',
  'INCORRECT_DATA',
  'INCORRECT_NUMBER_OF_COLUMNS',
  'CANNOT_CONVERT_TYPE',
  'CANNOT_READ_ARRAY_FROM_TEXT',
  'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN',
  'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  'ARGUMENT_OUT_OF_BOUND',
  'TOO_LARGE_STRING_SIZE',
  'UNKNOWN_TYPE_OF_AST_NODE',
]);

/** True when `error` says the rows themselves are unacceptable (retrying cannot help). */
export function isContentError(error: unknown): boolean {
  // Our own preparation of the rows (identity merge, session entries) trips over a value
  // of the wrong type with a TypeError or RangeError; system errors carry a code.
  if ((error instanceof TypeError || error instanceof RangeError) && !('code' in error)) return true;
  // By shape, not instanceof: the embedded connection throws the error class of its own
  // copy of @clickhouse/client-common.
  const type = error instanceof Error ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' && (type.startsWith('CANNOT_PARSE') || CONTENT_ERRORS.has(type));
}

export interface DeadLetter {
  table: string;
  reason: string;
  row: object;
}

const SUFFIX = '.jsonl';

export class DeadLetters {
  private count = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir)) {
      if (file.endsWith(SUFFIX)) this.count += lines(readFileSync(join(dir, file), 'utf8'));
    }
  }

  /** Rows set aside so far, by this and every earlier run. */
  get total(): number {
    return this.count;
  }

  /**
   * Writes the dead letters of one journal segment before the segment is removed. A
   * segment loaded again after a crash is split the same way and rewrites the same file,
   * so nothing is counted twice.
   */
  put(segment: string, letters: readonly DeadLetter[], at = new Date()): void {
    if (letters.length === 0) return;
    const file = join(this.dir, `${segment}${SUFFIX}`);
    let before = 0;
    try {
      before = lines(readFileSync(file, 'utf8'));
    } catch {
      // first time for this segment
    }
    writeFileSync(file, letters.map((l) => `${JSON.stringify({ at: at.toISOString(), ...l })}\n`).join(''));
    this.count += letters.length - before;
    console.error(
      `ingest: set aside ${letters.length} row(s) the store refused (${letters[0]?.reason ?? ''}) in ${file}`,
    );
  }
}

const lines = (text: string) => text.split('\n').filter(Boolean).length;
