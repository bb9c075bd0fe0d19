import type { ClickHouseClient } from '@clickhouse/client';
import type { LeadRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';

// Every column but the two times, which come back as epoch ms to match LeadRow.
const LEAD_COLUMNS = `site_id, lead_id, visitor_id, person_id, source, status, owner_id, name, email, phone, message, callback_at, notes, chat_id,
  first_referrer_domain, first_utm_source, first_utm_medium, first_utm_campaign, first_landing_path,
  last_referrer_domain, last_utm_source, last_utm_medium, last_utm_campaign, last_landing_path, country,
  toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at`;

type StoredLead = Omit<LeadRow, 'created_at' | 'updated_at'> & { created_at: string | number; updated_at: string | number };

function fromStored(r: StoredLead): LeadRow {
  return { ...r, created_at: Number(r.created_at), updated_at: Number(r.updated_at) };
}

/**
 * The newest version of one lead, or null. Ordered by version rather than FINAL: before
 * a merge every version is still stored, and this is the one a merge would keep.
 */
export async function getLead(client: ClickHouseClient, siteId: string, leadId: string): Promise<LeadRow | null> {
  const result = await client.query({
    query: `SELECT ${LEAD_COLUMNS}
            FROM ${TABLES.leads}
            WHERE site_id = {siteId:String} AND lead_id = {leadId:String}
            ORDER BY updated_at DESC
            LIMIT 1`,
    query_params: { siteId, leadId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<StoredLead>();
  return row ? fromStored(row) : null;
}
