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
 * `row => [row.site_id, row.ts, …]` for a column list. A loop over the names read each value
 * by a key that changes from one read to the next, ~3 µs a row of 41 columns; these read
 * named properties, ~0.1 µs (a whole line, JSON included, 3.0–4.0 → 1.3 µs a row).
 */
function picker(columns: readonly string[]): (row: object) => unknown[] {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the names are this module's constant identifiers
  return new Function('row', `return [${columns.map((c) => `row.${c}`).join(',')}];`) as (row: object) => unknown[];
}

const PICK: Record<LinedTable, (row: object) => unknown[]> = {
  events: picker(EVENT_COLUMNS),
  bots: picker(BOT_COLUMNS),
};

/**
 * The row's compact JSON line in `COLUMNS[table]` order, made once and remembered for as
 * long as the row lives; undefined when the row is not of enrich()'s shape (exactly these
 * keys, none undefined).
 */
export function rowLine(table: LinedTable, row: object): string | undefined {
  const known = lines.get(row);
  if (known !== undefined) return known;
  if (Object.keys(row).length !== COLUMNS[table].length) return undefined;
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
 * A journal line for one request's rows: the same `{table: [columns, values[]]}` JSON the
 * journal has always written (journal.ts decodes both), with the rows' lines spliced in.
 * Returns undefined when some row has no line; the caller then encodes the plain way.
 */
export function linedTable(table: LinedTable, rows: readonly object[]): string | undefined {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const line = rowLine(table, rows[i] as object);
    if (line === undefined) return undefined;
    parts[i] = line;
  }
  return `[${HEADER[table]},[${parts.join(',')}]]`;
}

const HEADER: Record<LinedTable, string> = { events: JSON.stringify(EVENT_COLUMNS), bots: JSON.stringify(BOT_COLUMNS) };

export const LINED: Partial<Record<keyof Enriched, LinedTable>> = { events: 'events', bots: 'bots' };
