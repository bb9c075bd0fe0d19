import type { ClickHouseClient } from '@clickhouse/client';
import type { CallbackRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { callbackItemRow } from './list-callbacks.ts';

// The list's columns as stored: no claimer's name, the site and version to write the next version from.
const row = callbackItemRow
  .omit({ claimed_by_name: true, outcome: true })
  .extend({ site_id: col.text, outcome: col.text, version: col.int });

/** The newest version of one callback of a site, as stored (the next version is written from it), or null. */
export async function getCallbackById(
  client: ClickHouseClient,
  siteId: string,
  callbackId: string,
): Promise<CallbackRow | null> {
  const [found] = await readRows(
    client,
    {
      query: `SELECT site_id, callback_id, visitor_id, lead_id, name, phone,
                     toUnixTimestamp64Milli(requested_at) AS requested_at,
                     toUnixTimestamp64Milli(preferred_at) AS preferred_at,
                     toUnixTimestamp64Milli(due_at) AS due_at,
                     state, claimed_by, toUnixTimestamp64Milli(claimed_at) AS claimed_at,
                     outcome, attempts, version, toUnixTimestamp64Milli(updated_at) AS updated_at
              FROM ${TABLES.callbacks} FINAL
              WHERE site_id = {siteId:String} AND callback_id = {callbackId:String}`,
      query_params: { siteId, callbackId },
    },
    row,
  );
  return found ?? null;
}
