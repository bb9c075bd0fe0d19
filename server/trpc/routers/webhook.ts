import { z } from 'zod';
import { saveWebhookInput, webhookSubscriptionId } from '../../contract/webhooks.ts';
import { listWebhookDeliveries } from '../../queries/webhook-deliveries.ts';
import { listWebhookSubscriptions } from '../../queries/webhook-subscriptions.ts';
import { publicWebhook, removeWebhook, requestWebhookSend, saveWebhook } from '../../webhooks/subscription-service.ts';
import { router, siteProcedure } from '../init.ts';

// Webhooks send the site's leads and customers to another system, signed with a secret:
// configuring them is the site administration admins own.
const manage = siteProcedure('admin:sites');
const target = z.object({ subscriptionId: webhookSubscriptionId });
/** The log shows the newest attempts; older ones expire after 30 days anyway. */
const LOG_ROWS = 500;

export const webhookRouter = router({
  list: manage.query(async ({ ctx, input }) =>
    (await listWebhookSubscriptions(ctx.ch, input.siteId)).map(publicWebhook),
  ),

  // Channels' replies share the outbox and its log; they are listed under Settings → Channels.
  deliveries: manage.query(async ({ ctx, input }) =>
    (await listWebhookDeliveries(ctx.ch, input.siteId, LOG_ROWS)).filter((d) => !d.subscriptionId.startsWith('ch_')),
  ),

  /** A new subscription's secret is in the answer this once. */
  save: manage.input(saveWebhookInput).mutation(({ ctx, input }) => {
    const { siteId, ...subscription } = input;
    return saveWebhook(ctx.ch, siteId, subscription);
  }),

  remove: manage.input(target).mutation(async ({ ctx, input }) => {
    await removeWebhook(ctx.ch, input.siteId, input.subscriptionId);
    return { ok: true };
  }),

  sendTest: manage.input(target).mutation(async ({ ctx, input }) => {
    await requestWebhookSend(ctx.ch, input.siteId, input.subscriptionId, null);
    return { ok: true };
  }),

  redeliver: manage
    .input(target.extend({ eventId: z.string().regex(/^evt_\w{1,64}$/) }))
    .mutation(async ({ ctx, input }) => {
      await requestWebhookSend(ctx.ch, input.siteId, input.subscriptionId, input.eventId);
      return { ok: true };
    }),
});
