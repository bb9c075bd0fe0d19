import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Statuses still being worked: a new capture of the same contact belongs to that lead. */
export const OPEN_LEAD_STATUSES = ['new', 'contacted', 'qualified'] as const;

/**
 * The earliest open lead of the site with this email (compared lowercased) or phone key
 * (server/contract/phone-key.ts: "+86 138 0013 8000" and "138-0013-8000" are one), or null.
 * Each lead is judged by its newest version: a lead since won or lost is not reopened.
 */
export async function getOpenLeadIdByContact(
  client: ClickHouseClient,
  siteId: string,
  email: string,
  phoneKey: string,
): Promise<string | null> {
  if (!email && !phoneKey) return null;
  const rows = await readRows(
    client,
    {
      query: `SELECT lead_id
            FROM ${TABLES.leads}
            WHERE site_id = {siteId:String}
            GROUP BY lead_id
            HAVING argMax(status, updated_at) IN {open:Array(String)}
               AND ((argMax(email, updated_at) != '' AND lower(argMax(email, updated_at)) = {email:String})
                 OR ({phoneKey:String} != '' AND argMax(phone_key, updated_at) = {phoneKey:String}))
            ORDER BY min(created_at), lead_id
            LIMIT 1`,
      query_params: { siteId, open: [...OPEN_LEAD_STATUSES], email: email.toLowerCase(), phoneKey },
    },
    z.object({ lead_id: col.text }),
  );
  return rows[0]?.lead_id ?? null;
}
