import { z } from 'zod';

/** An order's life: placed (the snippet's `order` call), paid, refunded or cancelled. Reports leave out refunded and cancelled ones. */
export const ORDER_STATUSES = ['placed', 'paid', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What a shop's server sends to POST /api/orders. The order id is the idempotency key. */
export const orderApiInput = z.strictObject({
  site: z.string().min(1).max(64),
  orderId: z.string().trim().min(1).max(128),
  status: z.enum(ORDER_STATUSES),
  value: z.number().finite().min(0).max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as CNY'),
  /** The snippet's visitor id (window.localStorage lt_vid), when the shop passed it along. */
  visitorId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
  email: z.email().max(256).optional(),
  phone: z
    .string()
    .regex(/^[+0-9 ()-]{3,32}$/, 'phone must be digits, spaces, + ( ) -')
    .optional(),
});
export type OrderApiInput = z.infer<typeof orderApiInput>;
