import { transcriptAddress, type ChatFile } from '../contract/chat-files.ts';
import type { ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChatConversation } from './chat-conversation.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { ChatRobot } from './chat-robot.ts';
import type { AgentLink, Chat, ChatDeps, ChatRooms, VisitorLink } from './chat-rooms.ts';
import { tokenMatches } from './chat-tokens.ts';

/** What the mail side needs to write a transcript: the chat as it is now, the address, language and clock. */
export interface TranscriptRequest {
  siteId: string;
  chat: ChatSummary;
  messages: ChatMessage[];
  to: string;
  lang: 'en' | 'zh';
  timeZone: string;
}

export type UploadTarget =
  { ok: true; chat: Chat; agent?: { userId: string; name: string } } | { ok: false; reason: 'no_chat' | 'not_online' };

/**
 * Files and transcripts of a chat. Files arrive over HTTP (server/files/), which asks here
 * which chat an upload may go to and posts it as a message; the message carries the file
 * and its name as the body, so transcripts and history read it as text.
 */
export class ChatAttachments {
  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    private readonly conversation: ChatConversation,
    private readonly robot: ChatRobot,
    private readonly deps: ChatDeps,
  ) {}

  /** The open chat this token opens; the same answer for a wrong token as for no chat, so ids cannot be probed. */
  visitorTarget(siteId: string, chatId: string, token: string): UploadTarget {
    const chat = this.rooms.sites.get(siteId)?.chats.get(chatId);
    if (!chat || chat.summary.status === 'closed' || !tokenMatches(chat.tokenHash, token))
      return { ok: false, reason: 'no_chat' };
    return { ok: true, chat };
  }

  /** An agent writes only with a dashboard tab open on the site (they have a presence there), as over the socket. */
  agentTarget(siteId: string, chatId: string, userId: string): UploadTarget {
    const site = this.rooms.sites.get(siteId);
    const chat = site?.chats.get(chatId);
    if (!chat || chat.summary.status === 'closed') return { ok: false, reason: 'no_chat' };
    const agent = site?.agents.get(userId);
    if (!agent) return { ok: false, reason: 'not_online' };
    return { ok: true, chat, agent: { userId, name: agent.presence.name } };
  }

  /** Posts the stored file as a message of the sender's side. */
  async post(target: Extract<UploadTarget, { ok: true }>, file: ChatFile): Promise<ChatMessage | undefined> {
    const { chat, agent } = target;
    if (!agent) {
      await this.conversation.post(chat, {
        messageId: file.id,
        sender: 'visitor',
        agentName: '',
        body: file.name,
        file,
      });
      return chat.byMessageId.get(file.id);
    }
    const site = this.rooms.site(chat.siteId);
    const present = site.agents.get(agent.userId);
    const takenFromRobot = this.robot.takeOver(chat);
    if (chat.summary.status === 'queued' && present) this.queue.assign(site, chat, present);
    await takenFromRobot;
    await this.conversation.post(chat, {
      messageId: file.id,
      sender: 'agent',
      agentName: agent.name,
      body: file.name,
      file,
      agentId: agent.userId,
    });
    const sent = chat.byMessageId.get(file.id);
    if (chat.summary.channel !== 'web' && sent) this.deps.outbound?.(chat.siteId, chat.summary, sent);
    return sent;
  }

  /** "Email me this transcript": the chat this page holds, to the address typed. */
  async forVisitor(link: VisitorLink, email: string): Promise<void> {
    const current = this.rooms.site(link.siteId).byVisitor.get(link.visitorId);
    if (!current || !this.rooms.holds(link, current))
      return link.send({ type: 'transcript.result', ok: false, reason: 'no_chat' });
    const to = transcriptAddress.safeParse(email);
    if (!to.success) return link.send({ type: 'transcript.result', ok: false, reason: 'invalid_email' });
    const ok = await this.mail(current, to.data.toLowerCase(), link.lang ?? 'en');
    link.send(ok ? { type: 'transcript.result', ok } : { type: 'transcript.result', ok, reason: 'mail_off' });
  }

  /** The console's "Email transcript": to the address the visitor gave, in their widget's language if a page is open. */
  async forAgent(link: AgentLink, chatId: string): Promise<void> {
    const site = this.rooms.site(link.siteId);
    const chat = site.chats.get(chatId) ?? [...site.byVisitor.values()].find((c) => c.summary.chatId === chatId);
    if (!chat) return link.send({ type: 'transcript.result', chatId, ok: false, reason: 'no_chat' });
    const to = transcriptAddress.safeParse(chat.summary.visitor.email);
    if (!to.success) return link.send({ type: 'transcript.result', chatId, ok: false, reason: 'no_email' });
    const page = [...(site.visitors.get(chat.summary.visitorId) ?? [])][0];
    const ok = await this.mail(chat, to.data.toLowerCase(), page?.lang ?? 'en');
    link.send(
      ok ? { type: 'transcript.result', chatId, ok } : { type: 'transcript.result', chatId, ok, reason: 'mail_off' },
    );
  }

  private async mail(chat: Chat, to: string, lang: 'en' | 'zh'): Promise<boolean> {
    if (!this.deps.transcript) return false;
    // After the messages queued before it: the mail holds everything the sender saw.
    await chat.tail;
    return this.deps.transcript({
      siteId: chat.siteId,
      chat: chat.summary,
      messages: [...chat.messages],
      to,
      lang,
      timeZone: this.deps.service?.(chat.siteId).timeZone ?? 'UTC',
    });
  }
}
