import { rmSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  bulkInsert,
  insertFile,
  usesFileHandOver,
  writePieces,
  type InsertFile,
} from '../../clickhouse/bulk-insert.ts';
import { storeJson } from '../../clickhouse/store-json.ts';
import type { EventRow, IdentityRow, LeadRow, OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { mergeWithStoredIdentities } from './identity-merge.ts';
import { dropKnownOrders, reconcileOrders } from './known-orders.ts';
import { SessionEntries } from './session-entries.ts';
import { withPhoneKeys } from '../sites/phone-keys.ts';
import { COLUMNS, madeLine, SESSION_COLUMNS, type LinedTable } from './row-line.ts';

/** Inserts `rows` into `table`; an insert repeated with the same `dedupToken` stores nothing twice. */
export type InsertFn = (table: string, rows: readonly object[], dedupToken?: string) => Promise<void>;

/**
 * Ingest's store in two steps. `prepare` reads what earlier batches stored (identities to
 * merge with, known orders, session entries): call it in batch order, one batch after
 * another. `insert` stores what `prepare` returned, and may run beside other inserts.
 */
export interface IngestStore {
  prepare(table: string, rows: readonly object[]): Promise<readonly object[]>;
  insert: InsertFn;
}

/** Inserts as ingest does: identities merged with the stored ones, known orders dropped or reconciled with the orders API's reports, session entries copied onto page views, leads' phones keyed. */
export function clickHouseInsert(client: ClickHouseClient): InsertFn {
  const store = clickHouseStore(client);
  return async (table, rows, dedupToken) => store.insert(table, await store.prepare(table, rows), dedupToken);
}

/** The same in its two steps, for the batch writer, which orders them. */
export function clickHouseStore(client: ClickHouseClient): IngestStore {
  const entries = new SessionEntries(client);
  // Batches prepare one after another (a session's entry must be remembered before its
  // next page view is looked at); only the inserts themselves overlap.
  let preparing: Promise<unknown> = Promise.resolve();
  const prepareNow = async (table: string, rows: readonly object[]): Promise<readonly object[]> => {
    if (table === TABLES.events) await entries.assign(rows as EventRow[]);
    return table === TABLES.identities
      ? mergeWithStoredIdentities(client, rows as IdentityRow[])
      : table === TABLES.events
        ? dropKnownOrders(client, rows as EventRow[], (e) => e.type === 'order')
        : table === TABLES.orders
          ? reconcileOrders(client, rows as OrderRow[])
          : table === TABLES.leads
            ? withPhoneKeys(client, rows as LeadRow[])
            : rows;
  };
  return {
    prepare(table, rows) {
      const ready = preparing.then(() => prepareNow(table, rows));
      preparing = ready.catch(() => undefined);
      return ready;
    },
    async insert(table, prepared, dedupToken) {
      const file = usesFileHandOver(client) ? linedFile(table, prepared) : undefined;
      if (!file) return bulkInsert(client, table, prepared, dedupToken);
      try {
        await insertFile(client, file, dedupToken);
      } finally {
        rmSync(file.path, { force: true });
      }
    },
  };
}

const LINED_TABLES: Record<string, LinedTable> = { [TABLES.events]: 'events', [TABLES.botEvents]: 'bots' };
const EVENTS_WITH_SESSION = [...COLUMNS.events, ...SESSION_COLUMNS];

/**
 * The insert file made of the lines the journal wrote (one serialisation per row), or
 * undefined when some row has none; page views get their session columns appended. The
 * lines go out as pieces, not copied into new strings with their tails.
 */
function linedFile(table: string, rows: readonly object[]): InsertFile | undefined {
  const lined = LINED_TABLES[table];
  if (!lined) return undefined;
  const pieces: string[] = [];
  for (const row of rows) {
    const line = madeLine(row);
    if (line === undefined) return undefined;
    if (lined === 'events') pieces.push(line.slice(0, -1), sessionTail(row as EventRow));
    else pieces.push(line, '\n');
  }
  return writePieces(table, lined === 'events' ? EVENTS_WITH_SESSION : COLUMNS.bots, pieces, rows.length);
}

/** `,source,session_source,session_campaign]\n`; null (the column default) where session-entries set nothing. */
function sessionTail(row: EventRow): string {
  if (row.source === undefined && row.session_source === undefined && row.session_campaign === undefined)
    return ',null,null,null]\n';
  return `,${storeJson([row.source ?? null, row.session_source ?? null, row.session_campaign ?? null]).slice(1)}\n`;
}
