import type { ClickHouseClient } from '@clickhouse/client';
import type { IdentityRow, OrderRow } from '../../clickhouse/rows.ts';
import { domainEventId, realtimeBus } from '../bus/bus.ts';
import type { BatchWriter } from '../ingest/batch-writer.ts';
import { getSiteOrderIds } from '../queries/site-order-ids.ts';
import type { OrderApiInput } from './order-schema.ts';

/** Tells the site's webhooks of a new order (API or snippet); the id is the same for both. */
function publishOrderCreated(order: OrderRow): void {
  realtimeBus().publish('domainEvent', {
    siteId: order.site_id,
    type: 'order.created',
    id: domainEventId('order.created', order.site_id, order.order_id),
    data: {
      order_id: order.order_id,
      status: order.status,
      value: order.value,
      currency: order.currency,
      visitor_id: order.visitor_id,
      email: order.email,
      phone: order.phone,
      origin: order.origin,
      created_at: new Date(order.created_at).toISOString(),
    },
  });
}

export interface RecordedOrder {
  /** False when the order id was known: a retry, or a status update. */
  created: boolean;
  orderId: string;
  status: string;
  /** The visitor the order is linked to as far as known now; '' while it is linked by email or phone. */
  visitorId: string;
}

/**
 * Orders from the shop's server. A report is acknowledged once it is in the ingest journal,
 * like a page view, and so survives kill -9; the batch writer stores it and reconciles it
 * with the stored order (server/ingest/known-orders.ts): the link by email or phone, the
 * visitor's session and the `order` event happen there, off the request. Storing the row
 * and its event as one journaled step is what makes a retry after a crash leave exactly
 * one order and one event.
 *
 * Whether an order id is new is answered from memory: a read of the store per order waited
 * behind the writer's inserts. Each site's order ids are read once, at start or on its
 * first report, and kept current by the reports and by
 * the snippet's orders as ingest journals them (`onJournaled`).
 */
export class OrderService {
  private readonly sites = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly deps: { ch: ClickHouseClient; writer: BatchWriter }) {}

  async record(input: OrderApiInput, now = Date.now()): Promise<RecordedOrder> {
    const known = await this.orderIds(input.site);
    const report: OrderRow = {
      site_id: input.site,
      order_id: input.orderId,
      visitor_id: input.visitorId ?? '',
      person_id: '',
      email: (input.email ?? '').toLowerCase(),
      phone: input.phone ?? '',
      value: input.value,
      currency: input.currency,
      status: input.status,
      origin: 'api',
      created_at: now,
      updated_at: now,
    };
    // An order naming its visitor with an email or phone identifies them, as `identify` would:
    // the same merge joins them to any other browser that gave that email or phone.
    const identities: IdentityRow[] =
      report.visitor_id && (report.email || report.phone)
        ? [
            {
              site_id: report.site_id,
              visitor_id: report.visitor_id,
              person_id: report.visitor_id,
              name: '',
              email: report.email,
              phone: report.phone,
              updated_at: now,
            },
          ]
        : [];
    const { durable } = this.deps.writer.write({ events: [], bots: [], identities, orders: [report] });
    const before = known.get(input.orderId);
    const visitorId = report.visitor_id || before || '';
    known.set(input.orderId, visitorId);
    await durable;
    // Journaled first: an order.created the outbox holds is an order the journal holds.
    if (before === undefined) publishOrderCreated(report);
    return { created: before === undefined, orderId: input.orderId, status: input.status, visitorId };
  }

  /** Reads the sites' order ids at start, while the store is idle, not on a first report under load. */
  preload(siteIds: readonly string[]): void {
    for (const id of siteIds) void this.orderIds(id).catch(() => undefined);
  }

  /**
   * The snippet's orders, once journaled and before ingest acknowledges them: order.created
   * is in the outbox by the 202, so kill -9 before the store cannot lose it. A report of a
   * known id is not "created". When the site's ids cannot be read (store down) the event
   * goes out anyway: its id is stable, receivers de-duplicate, and a lost one is worse.
   */
  async onJournaled(rows: readonly OrderRow[]): Promise<void> {
    for (const row of rows) {
      const ids = await this.orderIds(row.site_id).catch(() => null);
      if (ids?.has(row.order_id)) continue;
      ids?.set(row.order_id, row.visitor_id);
      publishOrderCreated(row);
    }
  }

  /** An erased person's visitor ids leave the memory too (their orders are gone from the store). */
  forget(siteId: string, visitorIds: readonly string[]): void {
    const erased = new Set(visitorIds);
    void this.sites.get(siteId)?.then((ids) => {
      for (const [orderId, visitorId] of ids) if (erased.has(visitorId)) ids.delete(orderId);
    });
  }

  private orderIds(siteId: string): Promise<Map<string, string>> {
    let ids = this.sites.get(siteId);
    if (!ids) {
      ids = getSiteOrderIds(this.deps.ch, siteId);
      this.sites.set(siteId, ids);
      // A failed read is tried again by the next report rather than remembered.
      void ids.catch(() => this.sites.delete(siteId));
    }
    return ids;
  }
}
