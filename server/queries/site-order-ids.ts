import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every order id of a site, with its visitor when the orders API reported it ('' for a snippet-only order). */
export async function getSiteOrderIds(client: ClickHouseClient, siteId: string): Promise<Map<string, string>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT order_id, argMax(if(origin = 'api', visitor_id, ''), updated_at) AS visitor_id
            FROM ${TABLES.orders}
            WHERE site_id = {siteId:String}
            GROUP BY order_id`,
      query_params: { siteId },
      format: 'JSONCompactEachRow',
    },
    z.tuple([col.text, col.text]),
  );
  return new Map(rows);
}
