import { createHash } from 'node:crypto';
import { blankEvent, type EventRow, type OrderRow } from '../../clickhouse/rows.ts';
import type { LatestContext } from '../queries/visitor-touches.ts';

/**
 * The id of the event an API report writes: derived from the report (site, order, the time
 * it was received), so storing the same journaled report again after a crash finds the event
 * it already wrote instead of writing a second one.
 */
export function apiOrderEventId(siteId: string, orderId: string, receivedAt: number): string {
  const h = createHash('sha256').update(`${siteId}\n${orderId}\n${receivedAt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The `order` event of an order as the API reported it, in the visitor's latest session. */
export function apiOrderEvent(order: OrderRow, eventId: string, latest: LatestContext | null): EventRow {
  return blankEvent({
    site_id: order.site_id,
    ts: order.created_at,
    event_id: eventId,
    type: 'order',
    visitor_id: order.visitor_id,
    session_id: latest?.sessionId ?? '',
    host: latest?.host ?? '',
    path: latest?.path ?? '',
    url: latest?.url ?? '',
    screen: latest?.screen ?? '',
    language: latest?.language ?? '',
    country: latest?.country ?? '',
    region: latest?.region ?? '',
    city: latest?.city ?? '',
    browser: latest?.browser ?? '',
    browser_version: latest?.browserVersion ?? '',
    os: latest?.os ?? '',
    device: latest?.device ?? '',
    order_id: order.order_id,
    revenue: order.value,
    currency: order.currency,
    props: { origin: 'api' },
  });
}
