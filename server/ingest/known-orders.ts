import type { ClickHouseClient } from '@clickhouse/client';
import { bulkInsert } from '../../clickhouse/bulk-insert.ts';
import type { OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { apiOrderEvent, apiOrderEventId } from './api-order-event.ts';
import { getOrdersById, orderKey } from '../queries/orders-by-id.ts';
import { getLatestContexts } from '../queries/latest-contexts.ts';
import { getStoredOrderEventIds } from '../queries/stored-order-event-ids.ts';
import { getVisitorsByContacts, type ContactMatch } from '../queries/visitors-by-contacts.ts';
import type { LatestContext } from '../queries/visitor-touches.ts';
import { sitePhoneKeys } from '../sites/phone-keys.ts';

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
export async function dropKnownOrders<T extends OrderLike>(
  client: ClickHouseClient,
  rows: readonly T[],
  isOrder: (row: T) => boolean,
): Promise<T[]> {
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
  // Lookups for the whole batch at once: one per order fell behind 20 orders a second.
  const contacts = await matchContacts(
    client,
    rows.filter((r) => r.origin === 'api' && !r.visitor_id).map((r) => withKnownContact(r, latest.get(orderKey(r)))),
  );
  const out = new Map<string, OrderRow>();
  const written: { order: OrderRow; eventId: string }[] = [];
  for (const row of rows) {
    const key = orderKey(row);
    const prev = latest.get(key);
    if (row.origin !== 'api') {
      if (prev) continue;
      latest.set(key, row);
      out.set(key, row);
      continue;
    }
    const next = applyReport(row, prev, contacts);
    if (next.eventId) written.push({ order: next.order, eventId: next.eventId });
    latest.set(key, next.order);
    out.set(key, next.order);
  }
  if (written.length > 0) {
    const contexts = new Map<string, Map<string, LatestContext>>();
    for (const site of new Set(written.map((w) => w.order.site_id))) {
      const visitors = written
        .filter((w) => w.order.site_id === site && w.order.visitor_id)
        .map((w) => w.order.visitor_id);
      contexts.set(site, await getLatestContexts(client, site, visitors));
    }
    const events = written.map((w) =>
      apiOrderEvent(w.order, w.eventId, contexts.get(w.order.site_id)?.get(w.order.visitor_id) ?? null),
    );
    const stored = await getStoredOrderEventIds(client, events);
    await bulkInsert(
      client,
      TABLES.events,
      events.filter((e) => !stored.has(e.event_id)),
    );
  }
  return [...out.values()];
}

const withKnownContact = (report: OrderRow, prev: OrderRow | undefined): OrderRow => ({
  ...report,
  email: report.email || prev?.email || '',
  phone: report.phone || prev?.phone || '',
});

/** The newest visitor known by the report's email or phone, '' when none. */
type Contacts = (report: OrderRow) => string;

async function matchContacts(client: ClickHouseClient, reports: readonly OrderRow[]): Promise<Contacts> {
  const bySite = new Map<string, ContactMatch[]>();
  const phoneKey = await sitePhoneKeys(client);
  for (const site of new Set(reports.map((r) => r.site_id))) {
    const own = reports.filter((r) => r.site_id === site);
    bySite.set(
      site,
      await getVisitorsByContacts(
        client,
        site,
        own.map((r) => r.email).filter(Boolean),
        own.map((r) => phoneKey(site, r.phone)).filter(Boolean),
      ),
    );
  }
  return (report) => {
    const email = report.email.toLowerCase();
    const key = phoneKey(report.site_id, report.phone);
    const best = (bySite.get(report.site_id) ?? [])
      .filter((m) => (email !== '' && m.email === email) || (key !== '' && m.phoneKey === key))
      .reduce<ContactMatch | undefined>((a, m) => (!a || m.at > a.at ? m : a), undefined);
    return best?.visitorId ?? '';
  };
}

function applyReport(
  report: OrderRow,
  prev: OrderRow | undefined,
  contacts: Contacts,
): { order: OrderRow; eventId?: string } {
  const byApi = prev?.origin === 'api';
  const { email, phone } = withKnownContact(report, prev);
  // Linked by the visitor id the shop gave, else the one an earlier report linked, else by
  // email or phone; the snippet's visitor only when the shop's server names nobody.
  const visitorId =
    report.visitor_id ||
    (byApi ? prev.visitor_id : '') ||
    contacts({ ...report, email, phone }) ||
    prev?.visitor_id ||
    '';
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
  const counted =
    byApi && prev.value === order.value && prev.currency === order.currency && prev.visitor_id === order.visitor_id;
  if (counted) return { order };
  if (prev) order.created_at = prev.created_at + 1;
  return { order, eventId: apiOrderEventId(report.site_id, report.order_id, report.updated_at) };
}
