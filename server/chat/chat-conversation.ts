import type { ClickHouseClient } from '@clickhouse/client';
import type { ChatMessage } from '../contract/channels.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { Chat, ChatRooms } from './chat-rooms.ts';
import { MessageWriter, robotMeta, staffMeta } from './chat-store.ts';
import { storeVisitorTerms, visitorTermsRow } from './visitor-terms.ts';
import { domainEventId, realtimeBus } from '../bus/bus.ts';

/** Tells the site's webhooks (server/webhooks/) once the chat_ended event is journaled. */
function publishChatEnded(chat: Chat, by: 'agent' | 'visitor'): void {
  const s = chat.summary;
  realtimeBus().publish('domainEvent', {
    siteId: chat.siteId,
    type: 'chat.ended',
    id: domainEventId('chat.ended', chat.siteId, s.chatId),
    data: {
      chat_id: s.chatId,
      visitor_id: s.visitorId,
      agent_id: s.agentId,
      agent_name: s.agentName,
      origin: s.origin,
      closed_by: by,
      started_at: new Date(s.startedAt).toISOString(),
      ended_at: new Date(s.endedAt).toISOString(),
      messages: chat.messages.length,
      visitor: { name: s.visitor.name, email: s.visitor.email, phone: s.visitor.phone },
    },
  });
}

/** What happens inside a chat once it exists: its messages, its rating, its end. */
export class ChatConversation {
  private readonly messages: MessageWriter;

  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    private readonly ch: ClickHouseClient,
  ) {
    this.messages = new MessageWriter(ch);
  }

  /** The visitor's rating, once per chat. */
  async rate(chat: Chat, rating: number): Promise<void> {
    if (chat.summary.rating > 0) return;
    const site = this.rooms.site(chat.siteId);
    chat.summary.rating = rating;
    await this.rooms.recordFor(chat, { type: 'chat_rated', props: { rating: String(rating) } });
    this.rooms.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    this.rooms.showChat(site, chat);
  }

  async close(chat: Chat, by: 'agent' | 'visitor'): Promise<void> {
    const rooms = this.rooms;
    const site = rooms.site(chat.siteId);
    chat.summary.status = 'closed';
    chat.summary.endedAt = rooms.now();
    site.chats.delete(chat.summary.chatId);
    this.queue.countChats(site);
    await rooms.recordFor(chat, { type: 'chat_ended', props: { closed_by: by } });
    publishChatEnded(chat, by);
    rooms.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    rooms.toServers(site, { type: 'agent.list', agents: rooms.presences(site) });
    rooms.showChat(site, chat);
    this.queue.queueChanged(site);
    this.queue.drainQueue(chat.siteId);
  }

  /** Stores a message (once per messageId), then shows it to both sides. */
  post(chat: Chat, m: Omit<ChatMessage, 'chatId' | 'seq' | 'at'> & { agentId?: string }): Promise<void> {
    const rooms = this.rooms;
    const run = async () => {
      const site = rooms.site(chat.siteId);
      const known = chat.byMessageId.get(m.messageId);
      if (known) {
        // A re-send after a reconnect: already stored; show it again so the sender can confirm it.
        if (known.sender !== 'staff') rooms.toChat(site, chat, { type: 'chat.message', message: known });
        rooms.toServers(site, { type: 'chat.message', message: known });
        return;
      }
      const message: ChatMessage = {
        chatId: chat.summary.chatId,
        seq: chat.messages.length + 1,
        messageId: m.messageId,
        sender: m.sender,
        agentName: m.agentName,
        body: m.body,
        at: rooms.now(),
        ...(m.robot && { robot: m.robot }),
        ...(m.file && { file: m.file }),
        ...(m.staff && { staff: m.staff }),
      };
      await this.messages.store({
        site_id: chat.siteId,
        chat_id: message.chatId,
        message_id: message.messageId,
        seq: message.seq,
        ts: message.at,
        sender: message.sender,
        agent_id: m.agentId ?? '',
        visitor_id: chat.summary.visitorId,
        body: message.body,
        meta: m.robot
          ? robotMeta(m.robot, m.agentName)
          : m.staff
            ? staffMeta(m.staff, m.agentName)
            : m.file
              ? JSON.stringify({ file: m.file })
              : '',
      });
      chat.messages.push(message);
      chat.byMessageId.set(message.messageId, message);
      // Staff messages (whispers, transfer notes) never reach the visitor's pages.
      if (message.sender !== 'staff') rooms.toChat(site, chat, { type: 'chat.message', message });
      rooms.toServers(site, { type: 'chat.message', message });
      await rooms.recordFor(chat, { type: 'chat_message', props: { sender: m.sender } });
      // After the message is shown and journaled: the report's row waits on nothing a person sees.
      if (message.sender === 'visitor' && !message.file) void this.storeTerms(chat, message);
    };
    const next = chat.tail.then(run);
    chat.tail = next.catch(() => undefined);
    return next;
  }

  /** Hot words of a visitor's message, segmented now; a failure costs the report a message, never the chat. */
  private async storeTerms(chat: Chat, message: ChatMessage): Promise<void> {
    const row = visitorTermsRow(this.rooms.event(this.rooms.chatLink(chat), { type: 'chat_message' }, message.at), {
      messageId: message.messageId,
      chatId: message.chatId,
      kind: 'chat',
      text: message.body,
      at: message.at,
    });
    if (row)
      await storeVisitorTerms(this.ch, [row]).catch((error: unknown) => console.error('chat: terms not stored', error));
  }
}
