import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { blankEvent, type OrderRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { getOrder } from '../queries/get-order.ts';
import { visitorByContact } from '../queries/visitor-by-contact.ts';
import { getVisitorTouches } from '../queries/visitor-touches.ts';
import type { OrderApiInput } from './order-schema.ts';

/**
 * An order from the shop's server. The order id is the key: sending it again changes only
 * its status (and value), so a retried request counts once, and a refund or a cancellation
 * takes it out of every report. A new order gets one `order` event in the visitor's latest
 * session, which is what the funnel and the attribution count.
 */
export async function recordApiOrder(ch: ClickHouseClient, input: OrderApiInput, now = Date.now()): Promise<{ created: boolean; order: OrderRow }> {
  const existing = await getOrder(ch, input.site, input.orderId);
  const email = (input.email ?? existing?.email ?? '').toLowerCase();
  const phone = input.phone ?? existing?.phone ?? '';
  const visitorId = existing?.visitor_id || input.visitorId || (await visitorByContact(ch, input.site, email, phone));
  const order: OrderRow = {
    site_id: input.site,
    order_id: input.orderId,
    visitor_id: visitorId,
    person_id: existing?.person_id || visitorId,
    email,
    phone,
    value: input.value,
    currency: input.currency,
    status: input.status,
    origin: existing?.origin ?? 'api',
    created_at: existing?.created_at ?? now,
    // The version of a ReplacingMergeTree row: it must grow even within one millisecond.
    updated_at: Math.max(now, (existing?.updated_at ?? 0) + 1),
  };
  await ch.insert({ table: TABLES.orders, values: [order], format: 'JSONEachRow' });
  if (existing) return { created: false, order };

  const latest = visitorId ? (await getVisitorTouches(ch, input.site, visitorId)).latest : null;
  const event = blankEvent({
    site_id: input.site, ts: now, event_id: randomUUID(), type: 'order', visitor_id: visitorId, session_id: latest?.sessionId ?? '',
    host: latest?.host ?? '', path: latest?.path ?? '', url: latest?.url ?? '', screen: latest?.screen ?? '', language: latest?.language ?? '',
    country: latest?.country ?? '', region: latest?.region ?? '', city: latest?.city ?? '',
    browser: latest?.browser ?? '', browser_version: latest?.browserVersion ?? '', os: latest?.os ?? '', device: latest?.device ?? '',
    order_id: input.orderId, revenue: input.value, currency: input.currency, props: { origin: 'api' },
  });
  await ch.insert({ table: TABLES.events, values: [event], format: 'JSONEachRow' });
  return { created: true, order };
}
