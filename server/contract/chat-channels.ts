import { z } from 'zod';

// Channels besides the widget and email (issue 19): the channel API for app SDKs and
// messaging bridges, and a WeChat Official Account. Shared by Settings and the server.

export const chatChannelId = z.string().regex(/^ch_[A-Za-z0-9]{1,32}$/);

/** A new API channel: its key and its reply webhook's signing secret are shown once. */
export const createApiChannelInput = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).max(2000),
});
export type CreateApiChannelInput = z.input<typeof createApiChannelInput>;

export const WECHAT_MODES = ['plain', 'safe'] as const;
export type WechatMode = (typeof WECHAT_MODES)[number];

/**
 * A site's WeChat Official Account as its developer settings name them. The AppSecret is
 * never shown again: left empty on an edit, the stored one stays.
 */
export const saveWechatInput = z.object({
  appId: z.string().regex(/^wx[0-9a-f]{16}$/i, 'an AppID such as wx1234567890abcdef'),
  appSecret: z
    .string()
    .regex(/^[0-9a-zA-Z]{32}$/, '32 letters and digits')
    .or(z.literal('')),
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, '3–32 letters and digits'),
  /** 43 characters of base64 without its `=`: the AES-256 key of safe mode. */
  aesKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, '43 letters, digits, + or /')
    .or(z.literal('')),
  mode: z.enum(WECHAT_MODES),
  enabled: z.boolean(),
});
export type SaveWechatInput = z.input<typeof saveWechatInput>;

/** Limits of one inbound channel message. */
export const CHANNEL_TEXT_MAX = 4000;

/** One customer message POSTed to /api/v1/channel/messages. */
export const channelMessageInput = z.strictObject({
  senderId: z.string().min(1).max(128).meta({
    description: 'The customer in your app or bridge (user id, phone, chat id): one conversation per sender.',
  }),
  text: z.string().trim().min(1).max(CHANNEL_TEXT_MAX),
  name: z.string().trim().max(100).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,30}$/, 'digits, spaces, +, (, ) and - only')
    .optional(),
  messageId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/)
    .optional()
    .meta({ description: 'Your id of this message: sending it again is a no-op that answers the same chat.' }),
});
export type ChannelMessageInput = z.output<typeof channelMessageInput>;
