import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

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
export async function getPersonOrders(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: readonly string[],
  limit: number,
): Promise<PersonOrder[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT order_id AS orderId, toUnixTimestamp64Milli(created_at) AS createdAt, toString(value) AS value, currency, status
            FROM ${TABLES.orders} FINAL
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}
            ORDER BY createdAt DESC, orderId
            LIMIT {limit:UInt32}`,
      query_params: { siteId, ids: visitorIds, limit },
    },
    z.object({ orderId: col.text, createdAt: col.ms, value: col.decimal, currency: col.text, status: col.text }),
  );
  return rows;
}
