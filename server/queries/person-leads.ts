import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { LEAD_STATUSES, type LeadStatus } from '../contract/lead-schema.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface PersonLead {
  leadId: string;
  createdAt: number;
  status: LeadStatus;
  name: string;
  email: string;
  phone: string;
}

/** The newest leads of these visitor ids (a person's), each as it stands now. */
export async function getPersonLeads(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: readonly string[],
  limit: number,
): Promise<PersonLead[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT lead_id AS leadId, toUnixTimestamp64Milli(created_at) AS createdAt, status, name, email, phone
            FROM ${TABLES.leads} FINAL
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}
            ORDER BY createdAt DESC, leadId
            LIMIT {limit:UInt32}`,
      query_params: { siteId, ids: visitorIds, limit },
    },
    z.object({
      leadId: col.text,
      createdAt: col.ms,
      status: z.enum(LEAD_STATUSES),
      name: col.text,
      email: col.text,
      phone: col.text,
    }),
  );
  return rows;
}
