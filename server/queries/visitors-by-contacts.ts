import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ContactMatch {
  visitorId: string;
  email: string;
  phone: string;
  /** The phone's key (server/contract/phone-key.ts): what `phoneKeys` were matched against. */
  phoneKey: string;
  /** When that visitor last gave this contact (epoch ms): the newest match wins, as in visitorByContact. */
  at: number;
}

/**
 * Every visitor of one site known by one of these emails or phone keys (identify, pre-chat
 * form, lead): one read for a whole batch of orders instead of one per order. Callers key
 * the phones they hold with the site's region (server/sites/phone-keys.ts).
 */
export async function getVisitorsByContacts(
  client: ClickHouseClient,
  siteId: string,
  emails: readonly string[],
  phoneKeys: readonly string[],
): Promise<ContactMatch[]> {
  if (emails.length === 0 && phoneKeys.length === 0) return [];
  const rows = await readRows(
    client,
    {
      query: `SELECT visitor_id AS visitorId, email, phone, phone_key AS phoneKey, toUnixTimestamp64Milli(at) AS at FROM (
              SELECT visitor_id, updated_at AS at, email, phone, phone_key FROM ${TABLES.identities} FINAL WHERE site_id = {siteId:String}
              UNION ALL
              SELECT visitor_id, created_at AS at, email, phone, phone_key FROM ${TABLES.leads} FINAL WHERE site_id = {siteId:String}
            )
            WHERE (email != '' AND email IN {emails:Array(String)}) OR (phone_key != '' AND phone_key IN {phoneKeys:Array(String)})`,
      query_params: { siteId, emails: emails.map((e) => e.toLowerCase()), phoneKeys },
    },
    z.object({ visitorId: col.text, email: col.text, phone: col.text, phoneKey: col.text, at: col.ms }),
  );
  return rows;
}
