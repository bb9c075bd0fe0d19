import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { CallbackRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const row = z.object({
  site_id: col.text,
  callback_id: col.text,
  visitor_id: col.text,
  lead_id: col.text,
  name: col.text,
  phone: col.text,
  requested_at: col.ms,
  preferred_at: col.ms,
  due_at: col.ms,
  state: z.enum(['open', 'done']),
  claimed_by: col.text,
  claimed_at: col.ms,
  outcome: col.text,
  attempts: col.int,
  version: col.int,
  updated_at: col.ms,
});

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
