import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const storedOrderRow = z.object({
  site_id: col.text,
  order_id: col.text,
  visitor_id: col.text,
  person_id: col.text,
  email: col.text,
  phone: col.text,
  value: col.decimal,
  currency: col.text,
  status: col.text,
  origin: col.text,
  created_at: col.ms,
  updated_at: col.ms,
}) satisfies z.ZodType<OrderRow>;

/** The newest version of each of these orders that the store has, keyed `site\norder`. */
export async function getOrdersById(
  client: ClickHouseClient,
  keys: readonly { site_id: string; order_id: string }[],
): Promise<Map<string, OrderRow>> {
  if (keys.length === 0) return new Map();
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, order_id, visitor_id, person_id, email, phone, toFloat64(value) AS value, currency, status, origin,
                   toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at
            FROM ${TABLES.orders} FINAL
            WHERE site_id IN {sites:Array(String)} AND order_id IN {ids:Array(String)}`,
      query_params: { sites: [...new Set(keys.map((k) => k.site_id))], ids: [...new Set(keys.map((k) => k.order_id))] },
    },
    storedOrderRow,
  );
  return new Map(rows.map((r) => [orderKey(r), r]));
}

export const orderKey = (r: { site_id: string; order_id: string }) => `${r.site_id}\n${r.order_id}`;
