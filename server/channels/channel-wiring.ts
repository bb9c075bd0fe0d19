import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ChannelChats } from '../chat/channel-chats.ts';
import type { ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChannelMessageInput } from '../contract/chat-channels.ts';
import { listChatChannels } from '../queries/chat-channels.ts';
import type { WebhookSubscription } from '../queries/webhook-subscriptions.ts';
import type { WebhookOutbox } from '../webhooks/outbox.ts';
import { ChannelInbox, type InboundResult, type SenderRates } from './channel-inbox.ts';
import { verifyChannelKey } from './channel-store.ts';
import { WechatApi } from './wechat-api.ts';
import { createWechatHandler } from './wechat-endpoint.ts';

export interface ChannelOptions {
  /** WECHAT_API_BASE: WeChat's API (a simulated one in tests). */
  wechatApiBase: string;
  /** Messages per channel sender (CHANNEL_MESSAGES_PER_MIN, CHANNEL_MESSAGE_BURST). */
  senderRates: SenderRates;
  /** Waits between attempts of a WeChat reply that failed. */
  wechatRetryMs?: number[];
}

/** The event type of an agent's reply POSTed to an API channel's webhook. */
export const CHANNEL_REPLY_TYPE = 'channel.reply';

export interface ChannelPorts {
  api: {
    verifyKey(key: string): Promise<{ siteId: string; channelId: string } | null>;
    receive(siteId: string, channelId: string, m: ChannelMessageInput): Promise<InboundResult>;
  };
  wechat(req: IncomingMessage, res: ServerResponse, siteId: string): Promise<void>;
}

/**
 * The channel API and WeChat in the one process. API channels' reply webhooks are receivers
 * of the one webhook outbox (durable, signed, retried, logged); WeChat replies go through
 * its customer-service API. The inbox needs the chat service, so `connect` comes after it.
 */
export class ChannelWiring {
  private inbox: ChannelInbox | null = null;
  private outbox: WebhookOutbox | null = null;
  private readonly wechatApi: WechatApi;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly options: ChannelOptions,
  ) {
    this.wechatApi = new WechatApi(options.wechatApiBase);
  }

  /** The outbox's extra receivers: each API channel's webhook, reached only by its own replies. */
  readonly replyTargets = async (siteId: string): Promise<WebhookSubscription[]> =>
    (await listChatChannels(this.ch, siteId))
      .filter((c) => c.kind === 'api')
      .map((c) => ({
        subscriptionId: c.channelId,
        url: c.url,
        events: [CHANNEL_REPLY_TYPE],
        secret: c.secret,
        enabled: c.enabled,
        createdAt: c.createdAt,
        version: c.version,
      }));

  connect(chats: ChannelChats, outbox: WebhookOutbox): ChannelPorts {
    const inbox = new ChannelInbox(this.ch, chats, this.options.senderRates);
    this.inbox = inbox;
    this.outbox = outbox;
    return {
      api: {
        verifyKey: (key) => verifyChannelKey(this.ch, key),
        receive: (siteId, channelId, m) => inbox.receive(siteId, channelId, 'api', m),
      },
      wechat: createWechatHandler({ ch: this.ch, inbox }),
    };
  }

  /** Chat's hook: an agent answered in an API or WeChat chat. */
  readonly outbound = (siteId: string, chat: ChatSummary, message: ChatMessage): void => {
    if (chat.channel !== 'api' && chat.channel !== 'wechat') return;
    const sent = chat.channel === 'api' ? this.toWebhook(siteId, chat, message) : this.toWechat(siteId, chat, message);
    void sent.catch((error: unknown) => console.error(`channels: reply ${message.messageId} not sent`, error));
  };

  private async toWebhook(siteId: string, chat: ChatSummary, message: ChatMessage): Promise<void> {
    const route = await this.inbox?.routeOf(siteId, chat.chatId);
    if (!route || !this.outbox) throw new Error(`no channel for chat ${chat.chatId}`);
    const id = `evt_${createHash('sha256').update(`${chat.chatId}\u0000${message.messageId}`).digest('hex').slice(0, 32)}`;
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
        agent_name: message.agentName,
        sent_at: new Date(message.at).toISOString(),
      },
    });
  }

  private async toWechat(siteId: string, chat: ChatSummary, message: ChatMessage): Promise<void> {
    const route = await this.inbox?.routeOf(siteId, chat.chatId);
    const account = (await listChatChannels(this.ch, siteId)).find((c) => c.channelId === route?.channelId);
    if (!route || !account) throw new Error(`no WeChat account for chat ${chat.chatId}`);
    const waits = this.options.wechatRetryMs ?? [1_000, 5_000, 30_000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.wechatApi.sendText(account.wechat, route.senderId, message.body);
      } catch (error) {
        const wait = waits[attempt];
        if (wait === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}
