import { storeJson } from '../../clickhouse/store-json.ts';
import type { Enriched } from './enrich.ts';

// One serialisation per row: the compact JSON line an enriched page view or bot row is
// journaled as is also the line its insert file holds. Serialising a row costs ~8 µs; the
// journal and the insert each did it on their own before (~21 µs a row between them).
// Only rows with exactly the shape enrich() builds have a line: anything else (a chat's
// events, a journal loaded after a crash) is serialised by the insert as before.

/** The columns of an enriched `events` row, in the order enrich() builds them (enrich.test.ts checks it). */
export const EVENT_COLUMNS = [
  'site_id',
  'ts',
  'event_id',
  'type',
  'visitor_id',
  'session_id',
  'host',
  'path',
  'url',
  'title',
  'referrer',
  'referrer_domain',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'click_id_type',
  'click_id',
  'country',
  'region',
  'city',
  'browser',
  'browser_version',
  'os',
  'device',
  'screen',
  'language',
  'name',
  'props',
  'engaged_ms',
  'scroll_pct',
  'target',
  'agent_id',
  'rule_id',
  'invitation_id',
  'chat_id',
  'lead_id',
  'order_id',
  'revenue',
  'currency',
] as const;

/** The columns of an enriched `bot_events` row. */
export const BOT_COLUMNS = ['site_id', 'ts', 'type', 'path', 'user_agent', 'reason', 'country'] as const;

/** Set on page views at insert (server/ingest/session-entries.ts): appended to their line there. */
export const SESSION_COLUMNS = ['source', 'session_source', 'session_campaign'] as const;

export type LinedTable = 'events' | 'bots';
export const COLUMNS: Record<LinedTable, readonly string[]> = { events: EVENT_COLUMNS, bots: BOT_COLUMNS };

const lines = new WeakMap<object, string>();

/**
 * Fills one reused array with a row's values in column order (`values[0] = row.site_id; …`).
 * A loop over the names read each value by a key that changes from one read to the next,
 * ~3 µs a row of 41 columns; these read named properties (a whole line, JSON included,
 * 3.0–4.0 → 1.3 µs a row). The array is reused: JSON.stringify reads it at once, and a
 * new one a row was garbage the collector paid for.
 */
function picker(columns: readonly string[]): (row: object) => unknown[] {
  const values: unknown[] = columns.map(() => null);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the names are this module's constant identifiers
  const fill = new Function('values', 'row', columns.map((c, i) => `values[${i}] = row.${c};`).join('')) as (
    values: unknown[],
    row: object,
  ) => void;
  return (row) => {
    fill(values, row);
    return values;
  };
}

const PICK: Record<LinedTable, (row: object) => unknown[]> = {
  events: picker(EVENT_COLUMNS),
  bots: picker(BOT_COLUMNS),
};

/** The row's own enumerable keys, counted without making their list. */
function keyCount(row: object): number {
  let n = 0;
  for (const key in row) if (Object.hasOwn(row, key)) n++;
  return n;
}

/**
 * The row's compact JSON line in `COLUMNS[table]` order, made once and remembered for as
 * long as the row lives; undefined when the row is not of enrich()'s shape (exactly these
 * keys, none undefined).
 */
export function rowLine(table: LinedTable, row: object): string | undefined {
  const known = lines.get(row);
  if (known !== undefined) return known;
  if (keyCount(row) !== COLUMNS[table].length) return undefined;
  const values = PICK[table](row);
  if (values.includes(undefined)) return undefined;
  const line = storeJson(values);
  lines.set(row, line);
  return line;
}

/** The line of a row whose line was made before (by the journal), or undefined. */
export function madeLine(row: object): string | undefined {
  return lines.get(row);
}

/**
 * A journal line for one request's rows as pieces to write one after another: the same
 * `[columns, values[]]` JSON the journal has always written for a table (journal.ts decodes
 * both), with the rows' lines in it, not copied into one string. Returns undefined when
 * some row has no line; the caller then encodes the plain way.
 */
export function linedTable(table: LinedTable, rows: readonly object[]): string[] | undefined {
  if (rows.length === 0) return [`${OPEN[table]}]]`];
  const pieces = new Array<string>(rows.length * 2 + 1);
  pieces[0] = OPEN[table];
  for (let i = 0; i < rows.length; i++) {
    const line = rowLine(table, rows[i] as object);
    if (line === undefined) return undefined;
    pieces[2 * i + 1] = line;
    pieces[2 * i + 2] = i === rows.length - 1 ? ']]' : ',';
  }
  return pieces;
}

const OPEN: Record<LinedTable, string> = {
  events: `[${JSON.stringify(EVENT_COLUMNS)},[`,
  bots: `[${JSON.stringify(BOT_COLUMNS)},[`,
};

export const LINED: Partial<Record<keyof Enriched, LinedTable>> = { events: 'events', bots: 'bots' };
