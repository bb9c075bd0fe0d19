import { z } from 'zod';
import { OverloadedError } from '../../ingest/batch-writer.ts';
import { ORDER_STATUSES, orderApiInput, type OrderStatus } from '../../orders/order-schema.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute } from '../route.ts';

export const orderRoutes = [
  defineRoute({
    method: 'post',
    path: '/orders',
    tag: 'orders',
    summary: 'Report an order or its new status',
    description:
      'The same as POST /api/orders without `site` (the key names it): the order id is the idempotency key, ' +
      'answered once journaled (survives a crash), linked to a visitor by `visitorId`, email or phone.',
    scope: 'write',
    body: orderApiInput.omit({ site: true }),
    response: z.object({
      order_id: z.string(),
      status: z.enum(ORDER_STATUSES),
      created: z.boolean().meta({ description: 'false when the order id was known (a retry or an update)' }),
      visitor_id: z.string().meta({ description: "'' while a new order is being linked by email or phone" }),
    }),
    handler: async ({ deps, siteId, body }) => {
      try {
        const r = await deps.orders.record({ ...body, site: siteId });
        return { order_id: r.orderId, status: r.status as OrderStatus, created: r.created, visitor_id: r.visitorId };
      } catch (error) {
        if (error instanceof OverloadedError) throw new ApiError('unavailable', 'too many orders waiting, retry later');
        throw error;
      }
    },
  }),
];
