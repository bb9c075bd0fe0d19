import type { ClickHouseClient } from '@clickhouse/client';
import { bulkInsert } from '../../clickhouse/bulk-insert.ts';
import type { EventRow, IdentityRow, LeadRow, OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { mergeWithStoredIdentities } from './identity-merge.ts';
import { dropKnownOrders, reconcileOrders } from './known-orders.ts';
import { SessionEntries } from './session-entries.ts';
import { withPhoneKeys } from '../sites/phone-keys.ts';

/** Inserts `rows` into `table`; an insert repeated with the same `dedupToken` stores nothing twice. */
export type InsertFn = (table: string, rows: readonly object[], dedupToken?: string) => Promise<void>;

/** Inserts as ingest does: identities merged with the stored ones, known orders dropped or reconciled with the orders API's reports, session entries copied onto page views, leads' phones keyed. */
export function clickHouseInsert(client: ClickHouseClient): InsertFn {
  const entries = new SessionEntries(client);
  // Batches prepare one after another (a session's entry must be remembered before its
  // next page view is looked at); only the inserts themselves overlap.
  let preparing: Promise<unknown> = Promise.resolve();
  const prepare = async (table: string, rows: readonly object[]): Promise<readonly object[]> => {
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
  return async (table, rows, dedupToken) => {
    const ready = preparing.then(() => prepare(table, rows));
    preparing = ready.catch(() => undefined);
    await bulkInsert(client, table, await ready, dedupToken);
  };
}
