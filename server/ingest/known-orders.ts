import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

interface OrderLike {
  site_id: string;
  order_id: string;
}

/**
 * The snippet's `order` call runs again when a thank-you page is reloaded. An order id the
 * store already has (from the snippet or the orders API) is dropped, with its event, so it
 * counts once and a later status (paid, refunded) is never overwritten by "placed".
 */
export async function dropKnownOrders<T extends OrderLike>(client: ClickHouseClient, rows: readonly T[], isOrder: (row: T) => boolean): Promise<T[]> {
  const orders = rows.filter(isOrder);
  if (orders.length === 0) return [...rows];
  const result = await client.query({
    query: `SELECT DISTINCT site_id, order_id FROM ${TABLES.orders} WHERE site_id IN {sites:Array(String)} AND order_id IN {ids:Array(String)}`,
    query_params: { sites: [...new Set(orders.map((r) => r.site_id))], ids: [...new Set(orders.map((r) => r.order_id))] },
    format: 'JSONEachRow',
  });
  const seen = new Set((await result.json<OrderLike>()).map((r) => `${r.site_id}\n${r.order_id}`));
  return rows.filter((row) => {
    if (!isOrder(row)) return true;
    const key = `${row.site_id}\n${row.order_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
