import { z } from 'zod';

/** What a webhook subscription can listen to (the bus's `domainEvent` types). */
export const WEBHOOK_EVENT_TYPES = [
  'lead.created',
  'lead.updated',
  'chat.ended',
  'order.created',
  'person.identified',
  'tag.added',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the event "send test event" delivers; no subscription chooses it. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

/**
 * One delivery attempt's outcome, as the log shows it: `delivered` (2xx), `retrying` (it
 * failed and will be tried again), `failed` (given up: 24 hours of retries are over).
 */
export const WEBHOOK_DELIVERY_STATUSES = ['delivered', 'retrying', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why an attempt got no 2xx answer, when it is not the receiver's status code; the screen translates. */
export const WEBHOOK_ERRORS = ['timeout', 'refused_address', 'redirect', 'http_status', 'network', 'bad_url'] as const;
export type WebhookError = (typeof WEBHOOK_ERRORS)[number];

export const webhookSubscriptionId = z.string().regex(/^wh_[A-Za-z0-9]{1,32}$/);

export const saveWebhookInput = z.object({
  /** Absent: a new subscription (its secret is made and shown once). */
  subscriptionId: webhookSubscriptionId.optional(),
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'choose at least one event').max(WEBHOOK_EVENT_TYPES.length),
  enabled: z.boolean(),
});
export type SaveWebhookInput = z.input<typeof saveWebhookInput>;
