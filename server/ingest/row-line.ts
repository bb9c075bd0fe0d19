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

/** Has `row` exactly these keys? (a row's key list is cached by V8: counting it is cheap) */
function hasShape(row: Record<string, unknown>, columns: readonly string[]): boolean {
  if (Object.keys(row).length !== columns.length) return false;
  for (const c of columns) if (row[c] === undefined) return false;
  return true;
}

/**
 * The row's compact JSON line in `COLUMNS[table]` order, made once and remembered for as
 * long as the row lives; undefined when the row is not of enrich()'s shape.
 */
export function rowLine(table: LinedTable, row: object): string | undefined {
  const known = lines.get(row);
  if (known !== undefined) return known;
  const columns = COLUMNS[table];
  const r = row as Record<string, unknown>;
  if (!hasShape(r, columns)) return undefined;
  const values = new Array<unknown>(columns.length);
  for (let c = 0; c < columns.length; c++) values[c] = r[columns[c] as string];
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
