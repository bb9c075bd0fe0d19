import type { ClickHouseClient } from '@clickhouse/client';
import type { OrderRow } from '../../clickhouse/rows.ts';
import type { BatchWriter } from '../ingest/batch-writer.ts';
import { orderKey } from '../queries/orders-by-id.ts';
import { getOrder } from '../queries/get-order.ts';
import type { OrderApiInput } from './order-schema.ts';

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
 * like a page view, and so survives kill -9; it is stored by the batch writer, which
 * reconciles it with what the store holds (server/ingest/known-orders.ts): the linking by
 * email or phone, the visitor's session and the `order` event happen there, off the
 * request. Storing the order row and its event there as one journaled step is what makes
 * a retry after a crash leave exactly one order and one event.
 */
export class OrderService {
  /** Reports journaled and not yet stored: a second report of the same order is not "created". */
  private readonly pending = new Map<string, { visitorId: string; count: number }>();

  constructor(private readonly deps: { ch: ClickHouseClient; writer: BatchWriter }) {}

  async record(input: OrderApiInput, now = Date.now()): Promise<RecordedOrder> {
    const key = orderKey({ site_id: input.site, order_id: input.orderId });
    const known = this.pending.get(key) ?? (await getOrder(this.deps.ch, input.site, input.orderId));
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
    const { durable, stored } = this.deps.writer.write({ events: [], bots: [], identities: [], orders: [report] });
    const knownVisitor = known && ('count' in known || known.origin === 'api') ? ('count' in known ? known.visitorId : known.visitor_id) : '';
    const visitorId = report.visitor_id || knownVisitor;
    this.track(key, visitorId, stored);
    await durable;
    return { created: !known, orderId: input.orderId, status: input.status, visitorId };
  }

  private track(key: string, visitorId: string, stored: Promise<void>): void {
    const entry = this.pending.get(key) ?? { visitorId, count: 0 };
    entry.count += 1;
    entry.visitorId ||= visitorId;
    this.pending.set(key, entry);
    void stored.then(() => {
      if (--entry.count === 0) this.pending.delete(key);
    });
  }
}
