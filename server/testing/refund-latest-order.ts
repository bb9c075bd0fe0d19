import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/**
 * Marks a site's latest order event as refunded through the orders table, as the orders API
 * would, and returns its id: a report that reads a rollup must drop it as the events do.
 */
export async function refundLatestOrder(ch: ClickHouseClient, siteId: string, now: number): Promise<string> {
  const r = await ch.query({
    query: `SELECT order_id, visitor_id FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'order' ORDER BY ts DESC LIMIT 1`,
    query_params: { s: siteId },
    format: 'JSONEachRow',
  });
  const [latest] = await r.json<{ order_id: string; visitor_id: string }>();
  if (!latest) throw new Error(`no order on ${siteId} to refund`);
  await ch.insert({
    table: TABLES.orders,
    values: [
      {
        site_id: siteId,
        order_id: latest.order_id,
        visitor_id: latest.visitor_id,
        person_id: '',
        email: '',
        phone: '',
        value: 1,
        currency: 'CNY',
        status: 'refunded',
        origin: 'api',
        created_at: now,
        updated_at: now,
      },
    ],
    format: 'JSONEachRow',
  });
  return latest.order_id;
}
