import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Statuses still being worked: a new capture of the same contact belongs to that lead. */
export const OPEN_LEAD_STATUSES = ['new', 'contacted', 'qualified'] as const;

/**
 * The earliest open lead of the site with this email (compared lowercased) or phone
 * (compared by its digits, so "138 0013 8000" and "138-0013-8000" are one), or null.
 * Each lead is judged by its newest version: a lead since won or lost is not reopened.
 */
export async function getOpenLeadIdByContact(
  client: ClickHouseClient,
  siteId: string,
  email: string,
  phone: string,
): Promise<string | null> {
  const digits = phone.replace(/\D/g, '');
  if (!email && !digits) return null;
  const rows = await readRows(
    client,
    {
      query: `SELECT lead_id
            FROM ${TABLES.leads}
            WHERE site_id = {siteId:String}
            GROUP BY lead_id
            HAVING argMax(status, updated_at) IN {open:Array(String)}
               AND ((argMax(email, updated_at) != '' AND lower(argMax(email, updated_at)) = {email:String})
                 OR (length({digits:String}) > 0 AND replaceRegexpAll(argMax(phone, updated_at), '[^0-9]', '') = {digits:String}))
            ORDER BY min(created_at), lead_id
            LIMIT 1`,
      query_params: { siteId, open: [...OPEN_LEAD_STATUSES], email: email.toLowerCase(), digits },
    },
    z.object({ lead_id: col.text }),
  );
  return rows[0]?.lead_id ?? null;
}
