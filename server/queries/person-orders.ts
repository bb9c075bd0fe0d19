import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

export interface PersonOrder {
  orderId: string;
  createdAt: number;
  value: number;
  currency: string;
  /** placed, paid, refunded or cancelled: the newest word of the snippet or the orders API. */
  status: string;
}

/**
 * The newest orders of these visitor ids (a person's), each as the orders table holds it
 * now: an order the API moved to another visitor is theirs, not this person's.
 */
export async function getPersonOrders(client: ClickHouseClient, siteId: string, visitorIds: readonly string[], limit: number): Promise<PersonOrder[]> {
  const result = await client.query({
    query: `SELECT order_id AS orderId, toUnixTimestamp64Milli(created_at) AS createdAt, toString(value) AS value, currency, status
            FROM ${TABLES.orders} FINAL
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}
            ORDER BY createdAt DESC, orderId
            LIMIT {limit:UInt32}`,
    query_params: { siteId, ids: visitorIds, limit },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ orderId: string; createdAt: string | number; value: string; currency: string; status: string }>();
  return rows.map((r) => ({ ...r, createdAt: Number(r.createdAt), value: Number(r.value) }));
}
