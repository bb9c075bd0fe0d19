import type { ChatChannel, ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChatFile } from '../contract/chat-files.ts';
import type { ChatConversation } from './chat-conversation.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { ChatRobot } from './chat-robot.ts';
import type { Chat, ChatDeps, ChatRooms, VisitorLink } from './chat-rooms.ts';

export interface ChannelContact {
  name: string;
  email: string;
  phone: string;
}

/**
 * Conversations that arrive by another channel than the widget (email, the channel API,
 * WeChat). They join the same queue and routing as web chats; the customer has no page
 * open, so what the chat would show them goes nowhere, and the channel delivers the
 * agents' and the robot's messages itself (ChatDeps.outbound). The robot serves API and
 * WeChat chats as it serves the widget; email waits for a person (a mailed robot answer
 * would read as an auto-reply, and mail clients and helpdesks answer those with more mail).
 */
export class ChannelChats {
  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    private readonly conversation: ChatConversation,
    private readonly robot: ChatRobot,
    private readonly deps: Pick<ChatDeps, 'service'>,
  ) {}

  /** The customer's chat still open in this process, if any. */
  current(siteId: string, chatId: string): ChatSummary | null {
    const chat = this.rooms.site(siteId).chats.get(chatId);
    return chat && chat.summary.status !== 'closed' ? chat.summary : null;
  }

  /** The open chat of this customer on any channel (one chat per customer, as on the web). */
  currentOf(siteId: string, visitorId: string): ChatSummary | null {
    const chat = this.rooms.site(siteId).byVisitor.get(visitorId);
    return chat && chat.summary.status !== 'closed' ? chat.summary : null;
  }

  /** A new conversation from the channel, routed like a web chat (queued when nobody is free); its first message follows. */
  async open(
    siteId: string,
    visitorId: string,
    channel: Exclude<ChatChannel, 'web'>,
    contact: ChannelContact,
    first: { messageId: string; body: string; subject: string; from?: { agentName: string }; asks?: boolean },
  ): Promise<ChatSummary> {
    const link = silentLink(siteId, visitorId, first.body);
    const robot =
      channel !== 'email' && this.rooms.robotServes(siteId)
        ? this.deps.service?.(siteId).settings.robot.name
        : undefined;
    const chat = this.queue.startChat(link, {
      robot,
      channel,
      origin: 'visitor',
      invitationId: '',
      ruleId: '',
      preferred: '',
      visitor: { ...contact, question: first.subject },
      lead: false,
    });
    await this.conversation.post(chat, {
      messageId: first.messageId,
      sender: 'visitor',
      agentName: '',
      body: first.body,
    });
    if (first.asks !== false) await this.robot.reply(chat, link, first.messageId, first.body);
    return chat.summary;
  }

  /**
   * The customer's next message (or a file of theirs) in an open chat; false when the chat is
   * not open here (closed, or from another run). The robot answers it unless it is a file or
   * `asks` is false (a picture sent by WeChat).
   */
  async post(siteId: string, chatId: string, messageId: string, body: string, file?: ChatFile, asks = true) {
    const chat = this.rooms.site(siteId).chats.get(chatId);
    if (!chat || chat.summary.status === 'closed') return false;
    const fresh = !chat.byMessageId.has(messageId);
    await this.conversation.post(chat, { messageId, sender: 'visitor', agentName: '', body, ...(file && { file }) });
    if (fresh && !file && asks) await this.robotReply(chat, messageId, body);
    return true;
  }

  /** The robot's turn after a customer's message, if it serves the chat (a handover phrase included). */
  private robotReply(chat: Chat, messageId: string, body: string): Promise<void> {
    return this.robot.reply(chat, silentLink(chat.siteId, chat.summary.visitorId, body), messageId, body);
  }

  /** A team member's answer by mail in an open chat, as its agent. */
  async postAgent(
    siteId: string,
    chatId: string,
    messageId: string,
    body: string,
    agentName: string,
  ): Promise<boolean> {
    const chat = this.rooms.site(siteId).chats.get(chatId);
    if (!chat || chat.summary.status === 'closed') return false;
    await this.conversation.post(chat, { messageId, sender: 'agent', agentName, body });
    return true;
  }

  /** The chat's messages as stored (a transcript by email). */
  messages(siteId: string, chatId: string): ChatMessage[] {
    return this.rooms.site(siteId).chats.get(chatId)?.messages ?? [];
  }
}

/**
 * The customer of a channel chat: there is no page to tell anything. Nor a widget language:
 * the robot answers in the language of what they wrote (Han script → Chinese).
 */
function silentLink(siteId: string, visitorId: string, text: string): VisitorLink {
  const lang = /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
  return { siteId, visitorId, sessionId: visitorId, chatToken: '', lang, send: () => undefined };
}
