import { z } from 'zod';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ChannelChats } from '../chat/channel-chats.ts';
import type { ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChannelMessageInput } from '../contract/chat-channels.ts';
import type { ChatFileStore } from '../chat/chat-files.ts';
import type { FileLinks } from '../files/file-links.ts';
import { getChatFile } from '../queries/chat-file.ts';
import { listChatChannels } from '../queries/chat-channels.ts';
import type { WebhookSubscription } from '../queries/webhook-subscriptions.ts';
import type { DeliveryResult } from '../webhooks/deliver.ts';
import type { WebhookOutbox } from '../webhooks/outbox.ts';
import type { OutboxEvent } from '../webhooks/outbox-files.ts';
import { ChannelInbox, type InboundResult, type SenderRates } from './channel-inbox.ts';
import { verifyChannelKey } from './channel-store.ts';
import { WECHAT_IMAGE_MAX_BYTES, WECHAT_IMAGE_TYPES, WechatApi, WechatApiError } from './wechat-api.ts';
import { createWechatHandler } from './wechat-endpoint.ts';

export interface ChannelOptions {
  /** WECHAT_API_BASE: WeChat's API (a simulated one in tests). */
  wechatApiBase: string;
  /** Messages per channel sender (CHANNEL_MESSAGES_PER_MIN, CHANNEL_MESSAGE_BURST). */
  senderRates: SenderRates;
}

export const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  wechatApiBase: 'https://api.weixin.qq.com',
  senderRates: { perMinute: 30, burst: 10 },
};

/** Files sent in channel chats: read from the store, linked for those without a session. */
export interface ChannelFiles {
  store: ChatFileStore;
  links: FileLinks;
  /** PUBLIC_URL, else the address this server listens on. */
  publicUrl(): string;
}

/** The event type of an agent's reply POSTed to an API channel's webhook. */
export const CHANNEL_REPLY_TYPE = 'channel.reply';
/** A WeChat account as an outbox receiver: delivered by `transport`, never POSTed. */
const WECHAT_TARGET = 'wechat:';

export interface ChannelPorts {
  api: {
    verifyKey(key: string): Promise<{ siteId: string; channelId: string } | null>;
    receive(siteId: string, channelId: string, m: ChannelMessageInput): Promise<InboundResult>;
  };
  wechat(req: IncomingMessage, res: ServerResponse, siteId: string): Promise<void>;
}

/**
 * The channel API and WeChat in the one process. Every channel is a receiver of the one
 * webhook outbox (durable, retried for 24 h, logged): an API channel's replies are signed
 * POSTs to its URL, a WeChat account's go through WeChat's customer-service API (`transport`).
 * The inbox needs the chat service, so `connect` comes after it.
 */
export class ChannelWiring {
  private inbox: ChannelInbox | null = null;
  private outbox: WebhookOutbox | null = null;
  private files: ChannelFiles | null = null;
  private readonly wechatApi: WechatApi;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly options: ChannelOptions,
  ) {
    this.wechatApi = new WechatApi(options.wechatApiBase);
  }

  /** The outbox's extra receivers: each channel, reached only by its own replies. */
  readonly replyTargets = async (siteId: string): Promise<WebhookSubscription[]> =>
    (await listChatChannels(this.ch, siteId)).map((c) => ({
      subscriptionId: c.channelId,
      url: c.kind === 'wechat' ? WECHAT_TARGET : c.url,
      events: [CHANNEL_REPLY_TYPE],
      secret: c.secret,
      enabled: c.enabled,
      createdAt: c.createdAt,
      version: c.version,
    }));

  connect(chats: ChannelChats, outbox: WebhookOutbox, files: ChannelFiles): ChannelPorts {
    const inbox = new ChannelInbox(this.ch, chats, this.options.senderRates);
    this.inbox = inbox;
    this.outbox = outbox;
    this.files = files;
    return {
      api: {
        verifyKey: (key) => verifyChannelKey(this.ch, key),
        receive: (siteId, channelId, m) => inbox.receive(siteId, channelId, 'api', m),
      },
      wechat: createWechatHandler({ ch: this.ch, inbox }),
    };
  }

  /** Chat's hook: an agent or the robot answered in an API or WeChat chat; the reply is journaled for its channel. */
  readonly outbound = (siteId: string, chat: ChatSummary, message: ChatMessage): void => {
    if (chat.channel !== 'api' && chat.channel !== 'wechat') return;
    void this.journal(siteId, chat, message).catch((error: unknown) =>
      console.error(`channels: reply ${message.messageId} not sent`, error),
    );
  };

  /** The outbox's delivery to a WeChat account: a customer-service message to the follower. */
  readonly transport = (target: WebhookSubscription, event: OutboxEvent): Promise<DeliveryResult> | null =>
    target.url === WECHAT_TARGET ? this.toWechat(target.subscriptionId, event) : null;

  private async journal(siteId: string, chat: ChatSummary, message: ChatMessage): Promise<void> {
    const route = await this.inbox?.routeOf(siteId, chat);
    if (!route || !this.outbox) throw new Error(`no channel for chat ${chat.chatId}`);
    const id = `evt_${createHash('sha256').update(`${chat.chatId}\u0000${message.messageId}`).digest('hex').slice(0, 32)}`;
    const file = message.file && this.files && { ...message.file, url: this.fileUrl(siteId, message.file.id) };
    this.outbox.send(route.channelId, {
      siteId,
      id,
      type: CHANNEL_REPLY_TYPE,
      data: {
        channel_id: route.channelId,
        sender_id: route.senderId,
        chat_id: chat.chatId,
        message_id: message.messageId,
        text: message.body,
        sender: message.sender === 'robot' ? 'robot' : 'agent',
        agent_name: message.agentName,
        sent_at: new Date(message.at).toISOString(),
        // A file's bytes are fetched by the link (signed, expiring), never carried in the webhook.
        ...(file && { file }),
      },
    });
  }

  private fileUrl(siteId: string, fileId: string): string {
    return this.files ? this.files.links.url(this.files.publicUrl(), siteId, fileId) : '';
  }

  private async toWechat(channelId: string, event: OutboxEvent): Promise<DeliveryResult> {
    const started = Date.now();
    const done = (ok: boolean, error: DeliveryResult['error']) => ({
      ok,
      status: ok ? 200 : 0,
      error,
      durationMs: Date.now() - started,
    });
    const account = (await listChatChannels(this.ch, event.siteId)).find((c) => c.channelId === channelId);
    const reply = replyBody.safeParse(JSON.parse(event.body));
    if (!account || !reply.success) return done(false, 'bad_url');
    const { sender_id: openId, text, file } = reply.data.data;
    try {
      if (!file) await this.wechatApi.sendText(account.wechat, openId, text);
      else if (WECHAT_IMAGE_TYPES.includes(file.type) && file.size <= WECHAT_IMAGE_MAX_BYTES) {
        const bytes = await this.fileBytes(event.siteId, file.id);
        // Not readable yet (a replay before the store is wired) is retried; erased, it goes as its name.
        if (bytes === 'later') return done(false, 'network');
        if (bytes) await this.wechatApi.sendImage(account.wechat, openId, { ...file, bytes });
        else await this.wechatApi.sendText(account.wechat, openId, file.name);
      } else await this.wechatApi.sendText(account.wechat, openId, `${file.name}\n${file.url}`);
      return done(true, '');
    } catch (error) {
      // WeChat's refusals (errcode) are its answer; the rest never reached it.
      if (!(error instanceof WechatApiError)) return done(false, 'network');
      console.error(`channels: WeChat refused a reply for ${event.siteId}`, error.message);
      return done(false, 'http_status');
    }
  }

  private async fileBytes(siteId: string, fileId: string): Promise<Buffer | null | 'later'> {
    if (!this.files) return 'later';
    const row = await getChatFile(this.ch, siteId, fileId);
    return row ? readFile(this.files.store.pathOf(row.path)).catch(() => null) : null;
  }
}

const replyBody = z.object({
  data: z.object({
    sender_id: z.string(),
    text: z.string(),
    file: z
      .object({ id: z.string(), name: z.string(), type: z.string(), size: z.number(), url: z.string() })
      .optional(),
  }),
});
