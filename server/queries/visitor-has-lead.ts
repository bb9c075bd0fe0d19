import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Whether the visitor has any lead on the site (identify creates one only for the first). */
export async function visitorHasLead(client: ClickHouseClient, siteId: string, visitorId: string): Promise<boolean> {
  const rows = await readRows(
    client,
    {
      query: `SELECT count() AS n FROM ${TABLES.leads} WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}`,
      query_params: { siteId, visitorId },
    },
    z.object({ n: col.int }),
  );
  return (rows[0]?.n ?? 0) > 0;
}
