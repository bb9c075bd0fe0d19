import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** The visitor most recently known by this email or phone (identify, pre-chat form, lead), or ''. */
export async function visitorByContact(client: ClickHouseClient, siteId: string, email: string, phone: string): Promise<string> {
  if (!email && !phone) return '';
  const result = await client.query({
    query: `SELECT argMax(visitor_id, at) AS visitor_id FROM (
              SELECT visitor_id, updated_at AS at, email, phone FROM ${TABLES.identities} FINAL WHERE site_id = {siteId:String}
              UNION ALL
              SELECT visitor_id, created_at AS at, email, phone FROM ${TABLES.leads} FINAL WHERE site_id = {siteId:String}
            )
            WHERE (email != '' AND email = {email:String}) OR (phone != '' AND phone = {phone:String})`,
    query_params: { siteId, email: email.toLowerCase(), phone },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ visitor_id: string }>();
  return row?.visitor_id ?? '';
}
