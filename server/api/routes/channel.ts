import { z } from 'zod';
import { channelMessageInput } from '../../contract/chat-channels.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute } from '../route.ts';

export const channelRoutes = [
  defineRoute({
    method: 'post',
    path: '/channel/messages',
    tag: 'channel',
    summary: 'Deliver a customer message from your app or messaging bridge',
    description:
      'Authorization: Bearer <channel key> (Settings → Channels). Opens a chat (channel `api`) in the console ' +
      'queue or continues the sender’s open one; `messageId` makes retries idempotent. Agents’ replies are POSTed ' +
      'to the channel’s webhook URL, signed like webhooks (event type `channel.reply`). Rate-limited per channel ' +
      'and per sender.',
    scope: 'write',
    auth: 'channel',
    body: channelMessageInput,
    response: z.object({
      chat_id: z.string(),
      message_id: z.string().meta({ description: 'Yours, or the one LeadTrail gave a message sent without it' }),
      duplicate: z.boolean().meta({ description: 'true when this messageId was delivered before (nothing posted)' }),
    }),
    handler: async ({ deps, siteId, keyId, body }) => {
      if (!deps.channels) throw new ApiError('unavailable', 'channels are not running');
      const r = await deps.channels.receive(siteId, keyId, body);
      if (r.kind === 'rate_limited')
        throw new ApiError('rate_limited', `Too many messages from this sender; retry in ${r.retryAfterSeconds} s`, {
          'retry-after': String(r.retryAfterSeconds),
        });
      return { chat_id: r.chatId, message_id: r.messageId, duplicate: r.kind === 'duplicate' };
    },
  }),
];
