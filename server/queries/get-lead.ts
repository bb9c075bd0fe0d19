import type { ClickHouseClient } from '@clickhouse/client';
import type { LeadRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import { LEAD_COLUMNS, storedLeadRow } from './fragments/lead-row.ts';

/**
 * The newest version of one lead, or null. Ordered by version rather than FINAL: before
 * a merge every version is still stored, and this is the one a merge would keep.
 */
export async function getLead(client: ClickHouseClient, siteId: string, leadId: string): Promise<LeadRow | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT ${LEAD_COLUMNS}
            FROM ${TABLES.leads}
            WHERE site_id = {siteId:String} AND lead_id = {leadId:String}
            ORDER BY updated_at DESC
            LIMIT 1`,
      query_params: { siteId, leadId },
    },
    storedLeadRow,
  );
  return rows[0] ?? null;
}
