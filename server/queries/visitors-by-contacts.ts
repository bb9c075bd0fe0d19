import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ContactMatch {
  visitorId: string;
  email: string;
  phone: string;
  /** When that visitor last gave this contact (epoch ms): the newest match wins, as in visitorByContact. */
  at: number;
}

/**
 * Every visitor of one site known by one of these emails or phones (identify, pre-chat
 * form, lead): one read for a whole batch of orders instead of one per order.
 */
export async function getVisitorsByContacts(
  client: ClickHouseClient,
  siteId: string,
  emails: readonly string[],
  phones: readonly string[],
): Promise<ContactMatch[]> {
  if (emails.length === 0 && phones.length === 0) return [];
  const rows = await readRows(
    client,
    {
      query: `SELECT visitor_id AS visitorId, email, phone, toUnixTimestamp64Milli(at) AS at FROM (
              SELECT visitor_id, updated_at AS at, email, phone FROM ${TABLES.identities} FINAL WHERE site_id = {siteId:String}
              UNION ALL
              SELECT visitor_id, created_at AS at, email, phone FROM ${TABLES.leads} FINAL WHERE site_id = {siteId:String}
            )
            WHERE (email != '' AND email IN {emails:Array(String)}) OR (phone != '' AND phone IN {phones:Array(String)})`,
      query_params: { siteId, emails: emails.map((e) => e.toLowerCase()), phones },
    },
    z.object({ visitorId: col.text, email: col.text, phone: col.text, at: col.ms }),
  );
  return rows;
}
