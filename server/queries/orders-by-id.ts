import type { ClickHouseClient } from '@clickhouse/client';
import type { OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';

/** The newest version of each of these orders that the store has, keyed `site\norder`. */
export async function getOrdersById(client: ClickHouseClient, keys: readonly { site_id: string; order_id: string }[]): Promise<Map<string, OrderRow>> {
  if (keys.length === 0) return new Map();
  const result = await client.query({
    query: `SELECT site_id, order_id, visitor_id, person_id, email, phone, toFloat64(value) AS value, currency, status, origin,
                   toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at
            FROM ${TABLES.orders} FINAL
            WHERE site_id IN {sites:Array(String)} AND order_id IN {ids:Array(String)}`,
    query_params: { sites: [...new Set(keys.map((k) => k.site_id))], ids: [...new Set(keys.map((k) => k.order_id))] },
    format: 'JSONEachRow',
  });
  const rows = await result.json<OrderRow>();
  return new Map(rows.map((r) => [orderKey(r), { ...r, value: Number(r.value), created_at: Number(r.created_at), updated_at: Number(r.updated_at) }]));
}

export const orderKey = (r: { site_id: string; order_id: string }) => `${r.site_id}\n${r.order_id}`;
