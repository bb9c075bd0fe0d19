import { z } from 'zod';
import {
  createApiChannel,
  publicChannel,
  removeChannel,
  saveWechat,
  updateChannel,
} from '../../channels/channel-store.ts';
import { chatChannelId, createApiChannelInput, saveWechatInput } from '../../contract/chat-channels.ts';
import { listChatChannels } from '../../queries/chat-channels.ts';
import { listWebhookDeliveries } from '../../queries/webhook-deliveries.ts';
import { router, siteProcedure } from '../init.ts';

// Channels bring customers' messages from apps, bridges and WeChat into the console and hold
// their keys and secrets: the site administration admins own.
const manage = siteProcedure('admin:sites');
const target = z.object({ channelId: chatChannelId });
/** The log shows the newest attempts; older ones expire after 30 days anyway. */
const LOG_ROWS = 500;

export const channelRouter = router({
  list: manage.query(async ({ ctx, input }) => (await listChatChannels(ctx.ch, input.siteId)).map(publicChannel)),

  /** Replies POSTed to the site's API channels, one row per attempt (the webhook outbox's log). */
  deliveries: manage.query(async ({ ctx, input }) => {
    const ids = new Set((await listChatChannels(ctx.ch, input.siteId)).map((c) => c.channelId));
    return (await listWebhookDeliveries(ctx.ch, input.siteId, LOG_ROWS)).filter((d) => ids.has(d.subscriptionId));
  }),

  /** The new channel's key and signing secret are in the answer this once. */
  createApi: manage.input(createApiChannelInput).mutation(({ ctx, input }) => {
    const { siteId, ...channel } = input;
    return createApiChannel(ctx.ch, siteId, channel);
  }),

  update: manage
    .input(target.extend({ enabled: z.boolean().optional(), url: z.string().max(2000).optional() }))
    .mutation(async ({ ctx, input }) => {
      await updateChannel(ctx.ch, input.siteId, input.channelId, { enabled: input.enabled, url: input.url });
      return { ok: true };
    }),

  remove: manage.input(target).mutation(async ({ ctx, input }) => {
    await removeChannel(ctx.ch, input.siteId, input.channelId);
    return { ok: true };
  }),

  saveWechat: manage.input(saveWechatInput).mutation(async ({ ctx, input }) => {
    const { siteId, ...account } = input;
    await saveWechat(ctx.ch, siteId, account);
    return { ok: true };
  }),
});
