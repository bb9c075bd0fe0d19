import { createHash, randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ChannelChats } from '../chat/channel-chats.ts';
import { TokenBuckets } from '../limits/token-buckets.ts';
import { getChannelMessage } from '../queries/channel-message.ts';
import { getChannelOfChat } from '../queries/channel-of-chat.ts';

/** One customer message from a channel (the API's body, or a WeChat message read from its XML). */
export interface InboundMessage {
  senderId: string;
  text: string;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  /** The channel's own id of the message: a retry with it opens or posts nothing twice. */
  messageId?: string | undefined;
  /** A picture or other media, not a question: the robot lets it pass, as it does a file on the web. */
  media?: boolean | undefined;
}

export type InboundResult =
  | { kind: 'posted' | 'duplicate'; chatId: string; messageId: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export interface SenderRates {
  /** Messages a minute one sender of one channel may send, refilled continuously. */
  perMinute: number;
  /** How many may come at once. */
  burst: number;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/** A channel's customer as one visitor id per site: every message from them is the same person. */
export const channelVisitorId = (siteId: string, channelId: string, senderId: string) =>
  `cv_${hash(siteId, channelId, senderId)}`;

/**
 * What channels (the API, WeChat) deliver, into the console: a customer's message opens a
 * chat in the same queue and routing as web chats, or continues their open one. The
 * customer's name, email and phone go with the chat's visitor, so identity joins them to
 * the person who gave the same email or phone on the web.
 */
export class ChannelInbox {
  private readonly rates: TokenBuckets;
  private readonly inFlight = new Map<string, Promise<InboundResult>>();
  // Where a channel visitor's replies go, known without a read for those who wrote in this run;
  // set before their message is posted, as the robot may answer it at once.
  private readonly routes = new Map<string, { channelId: string; senderId: string }>();

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly chats: ChannelChats,
    rates: SenderRates,
  ) {
    this.rates = new TokenBuckets(rates.burst, rates.perMinute, 100_000);
  }

  receive(siteId: string, channelId: string, kind: 'api' | 'wechat', m: InboundMessage): Promise<InboundResult> {
    const key = hash(siteId, channelId, m.senderId, m.messageId ?? randomBytes(12).toString('hex'));
    // The same message twice at once: the second waits for the first and is its duplicate.
    const running = this.inFlight.get(key);
    if (running) return running.then((r) => (r.kind === 'posted' ? { ...r, kind: 'duplicate' } : r));
    const now = Date.now();
    const bucket = `${channelId}\u0000${m.senderId}`;
    if (!this.rates.tryTake(bucket, now))
      return Promise.resolve({
        kind: 'rate_limited',
        retryAfterSeconds: Math.max(1, Math.ceil(this.rates.waitFor(bucket, 1, now) / 1000)),
      });
    const run = this.deliver(siteId, channelId, kind, m, `cm_${key}`).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** The channel and sender a chat's replies go to. */
  async routeOf(
    siteId: string,
    chat: { chatId: string; visitorId: string },
  ): Promise<{ channelId: string; senderId: string } | null> {
    return (
      this.routes.get(`${siteId}\u0000${chat.visitorId}`) ?? (await getChannelOfChat(this.ch, siteId, chat.chatId))
    );
  }

  private async deliver(
    siteId: string,
    channelId: string,
    kind: 'api' | 'wechat',
    m: InboundMessage,
    messageKey: string,
  ): Promise<InboundResult> {
    const ids = { siteId, channelId, senderId: m.senderId, messageId: m.messageId ?? messageKey };
    if (m.messageId) {
      const known = await getChannelMessage(this.ch, ids);
      if (known !== null) return { kind: 'duplicate', chatId: known, messageId: ids.messageId };
    }
    const visitorId = channelVisitorId(siteId, channelId, m.senderId);
    this.routes.set(`${siteId}\u0000${visitorId}`, { channelId, senderId: m.senderId });
    const open = this.chats.currentOf(siteId, visitorId);
    let chatId: string;
    const asks = !m.media;
    if (open && (await this.chats.post(siteId, open.chatId, messageKey, m.text, undefined, asks))) chatId = open.chatId;
    else {
      const contact = { name: m.name ?? '', email: m.email ?? '', phone: m.phone ?? '' };
      const first = { messageId: messageKey, body: m.text, subject: m.text.slice(0, 200), asks };
      chatId = (await this.chats.open(siteId, visitorId, kind, contact, first)).chatId;
    }
    await this.ch.insert({
      table: TABLES.channelMessages,
      values: [{ ...ids, chat_id: chatId, ts: Date.now() }].map((r) => ({
        site_id: r.siteId,
        channel_id: r.channelId,
        sender_id: r.senderId,
        message_id: r.messageId,
        chat_id: r.chat_id,
        ts: r.ts,
      })),
      format: 'JSONEachRow',
    });
    return { kind: 'posted', chatId, messageId: ids.messageId };
  }
}
