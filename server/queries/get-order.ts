import type { ClickHouseClient } from '@clickhouse/client';
import type { OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';

/** The newest version of one order, or null. */
export async function getOrder(client: ClickHouseClient, siteId: string, orderId: string): Promise<OrderRow | null> {
  const result = await client.query({
    query: `SELECT site_id, order_id, visitor_id, person_id, email, phone, toFloat64(value) AS value, currency, status, origin,
                   toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at
            FROM ${TABLES.orders} FINAL
            WHERE site_id = {siteId:String} AND order_id = {orderId:String}`,
    query_params: { siteId, orderId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<OrderRow>();
  return row ? { ...row, value: Number(row.value), created_at: Number(row.created_at), updated_at: Number(row.updated_at) } : null;
}
