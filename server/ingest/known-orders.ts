import type { ClickHouseClient } from '@clickhouse/client';
import { bulkInsert } from '../../clickhouse/bulk-insert.ts';
import type { EventRow, OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { apiOrderEvent, apiOrderEventId } from '../orders/order-event.ts';
import { getOrdersById, orderKey } from '../queries/orders-by-id.ts';
import { getStoredOrderEventIds } from '../queries/stored-event-ids.ts';
import { visitorByContact } from '../queries/visitor-by-contact.ts';
import { getVisitorTouches } from '../queries/visitor-touches.ts';

interface OrderLike {
  site_id: string;
  order_id: string;
}

/**
 * The snippet's `order` call runs again when a thank-you page is reloaded, and anyone can
 * send it. An order id the store already has (from the snippet or the orders API) is
 * dropped, with its event, so it counts once and a later status (paid, refunded) is never
 * overwritten by "placed" or a forged value.
 */
export async function dropKnownOrders<T extends OrderLike>(client: ClickHouseClient, rows: readonly T[], isOrder: (row: T) => boolean): Promise<T[]> {
  const orders = rows.filter(isOrder);
  if (orders.length === 0) return [...rows];
  const seen = new Set((await getOrdersById(client, orders)).keys());
  return rows.filter((row) => {
    if (!isOrder(row)) return true;
    const key = orderKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The order rows of one batch, ready to insert. Snippet rows are kept only for an order id
 * nobody reported before. A row with origin `api` is a report of the shop's orders API,
 * the source of truth: it wins on value, currency, status and visitor over whatever the
 * snippet said. When the value, currency or visitor it reports differs from what the
 * reports count, it writes a new `order` event first, one millisecond after the order's
 * previous time, and the order's `created_at` moves to that event: the reports count only
 * the event at `created_at` of an API order (report-scope.ts), so the snippet's event or the
 * API's earlier one stops counting without being deleted.
 *
 * The event goes in before the row: a row with origin `api` proves its event is stored. A
 * batch stored again after a crash between the two finds its event by id and writes no
 * second one. Batches with orders are prepared one at a time (batch-writer.ts), so a report
 * and a snippet call for the same order never decide on the same stale state.
 */
export async function reconcileOrders(client: ClickHouseClient, rows: readonly OrderRow[]): Promise<OrderRow[]> {
  if (rows.length === 0) return [];
  const latest = await getOrdersById(client, rows);
  const out = new Map<string, OrderRow>();
  const events: EventRow[] = [];
  for (const row of rows) {
    const key = orderKey(row);
    const prev = latest.get(key);
    if (row.origin !== 'api') {
      if (prev) continue;
      latest.set(key, row);
      out.set(key, row);
      continue;
    }
    const next = await applyReport(client, row, prev);
    if (next.event) events.push(next.event);
    latest.set(key, next.order);
    out.set(key, next.order);
  }
  if (events.length > 0) {
    const stored = await getStoredOrderEventIds(client, events);
    await bulkInsert(client, TABLES.events, events.filter((e) => !stored.has(e.event_id)));
  }
  return [...out.values()];
}

async function applyReport(client: ClickHouseClient, report: OrderRow, prev: OrderRow | undefined): Promise<{ order: OrderRow; event?: EventRow }> {
  const byApi = prev?.origin === 'api';
  const email = report.email || prev?.email || '';
  const phone = report.phone || prev?.phone || '';
  // Linked by the visitor id the shop gave, else the one an earlier report linked, else by
  // email or phone; the snippet's visitor only when the shop's server names nobody.
  const visitorId = report.visitor_id || (byApi ? prev.visitor_id : '') || (await visitorByContact(client, report.site_id, email, phone)) || prev?.visitor_id || '';
  const order: OrderRow = {
    ...report,
    visitor_id: visitorId,
    person_id: prev?.visitor_id === visitorId && prev.person_id ? prev.person_id : visitorId,
    email,
    phone,
    origin: 'api',
    created_at: prev?.created_at ?? report.created_at,
    // The version of a ReplacingMergeTree row: it must grow even within one millisecond.
    updated_at: Math.max(report.updated_at, (prev?.updated_at ?? 0) + 1),
  };
  const counted = byApi && prev.value === order.value && prev.currency === order.currency && prev.visitor_id === order.visitor_id;
  if (counted) return { order };
  if (prev) order.created_at = prev.created_at + 1;
  const touches = visitorId ? await getVisitorTouches(client, report.site_id, visitorId) : null;
  return { order, event: apiOrderEvent(order, apiOrderEventId(report.site_id, report.order_id, report.updated_at), touches?.latest ?? null) };
}
