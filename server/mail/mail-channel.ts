import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChannelChats } from '../chat/channel-chats.ts';
import { sniffType, type ChatFileStore } from '../chat/chat-files.ts';
import { chatEmails } from '../queries/chat-emails.ts';
import { emailThread } from '../queries/email-thread.ts';
import { attachmentRefusal, readInboundMail, type InboundAttachment, type SkipReason } from './inbound-mail.ts';
import type { MailOutbox } from './outbox.ts';
import { readSiteMail } from './mail-settings-store.ts';
import { teamNotice, type Capture } from './team-notify.ts';

export type InboundOutcome =
  | { kind: 'opened' | 'continued'; chatId: string }
  | { kind: 'duplicate' }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'malformed' };

export interface MailChannelOptions {
  ch: ClickHouseClient;
  chats: ChannelChats;
  outbox: MailOutbox;
  /** Where kept attachments go: chat files, served to staff by the same route as files sent in chat. */
  files: ChatFileStore;
  maxAttachmentBytes: number;
  now?: () => number;
}

interface StoredAttachment {
  name: string;
  type: string;
  size: number;
  file: string;
  refused: '' | 'too_large' | 'type';
}

/** A customer's address as one visitor id per site: every mail from them is the same person. */
export function emailVisitorId(siteId: string, address: string): string {
  return `em_${createHash('sha256').update(`${siteId}\u0000${address.toLowerCase()}`).digest('hex').slice(0, 24)}`;
}

/**
 * Email as a chat channel. A customer's mail opens a conversation in the console queue or
 * continues the one its In-Reply-To / References name; an agent's message goes back through
 * the outbox with those headers, so the customer's client threads it and their answer
 * finds the conversation again.
 */
export class MailChannel {
  private readonly now: () => number;

  constructor(private readonly o: MailChannelOptions) {
    this.now = o.now ?? Date.now;
  }

  async receive(siteId: string, ownAddress: string, raw: Buffer): Promise<InboundOutcome> {
    let mail;
    try {
      mail = await readInboundMail(raw);
    } catch {
      return { kind: 'malformed' };
    }
    if ('skip' in mail) return { kind: 'skipped', reason: mail.skip };
    if (mail.from.address === ownAddress.toLowerCase()) return { kind: 'skipped', reason: 'from_self' };
    const known = await emailThread(this.o.ch, siteId, [mail.messageId, ...mail.thread]);
    if (known.some((k) => k.messageId === mail.messageId)) return { kind: 'duplicate' };
    // A team member answered a notification (offline message, callback): the answer goes on to the visitor.
    const notice = known.find((k) => k.direction === 'notify');
    if (notice && notice.from && notice.from !== mail.from.address)
      return this.teamAnswer(siteId, notice, mail.messageId, mail.from.address, mail.body, mail.subject);
    const own = emailVisitorId(siteId, mail.from.address);
    // Our own reply names the conversation whoever's visitor it is (a web visitor answered by mail).
    const threadRow = known.find((k) => k.chatId && (k.visitorId === own || k.direction === 'out'));
    const visitorId = threadRow?.visitorId ?? own;
    const threadChat = threadRow?.chatId;
    const messageKey = `em_${createHash('sha256').update(mail.messageId).digest('hex').slice(0, 24)}`;
    const open = threadChat ? this.o.chats.current(siteId, threadChat) : this.o.chats.currentOf(siteId, visitorId);
    const checked = await this.check(mail.attachments);
    const body = [mail.body, ...checked.map(listed)].filter(Boolean).join('\n');
    let outcome: InboundOutcome;
    if (open && (await this.o.chats.post(siteId, open.chatId, messageKey, body)))
      outcome = { kind: 'continued', chatId: open.chatId };
    else {
      const contact = { name: mail.from.name, email: mail.from.address, phone: '' };
      const first = { messageId: messageKey, body, subject: mail.subject };
      const chat = await this.o.chats.open(siteId, visitorId, 'email', contact, first);
      outcome = { kind: 'opened', chatId: chat.chatId };
    }
    // The chat id is known only once the conversation exists: attachments are kept after.
    const files = await this.keep(siteId, outcome.chatId, visitorId, messageKey, checked);
    await this.store(siteId, outcome.chatId, visitorId, mail.messageId, 'in', mail.from.address, mail.subject, files);
    return outcome;
  }

  /** Tells the site's team of an offline message or callback request by mail. */
  async notifyTeam(siteId: string, visitorId: string, capture: Capture): Promise<void> {
    const settings = await readSiteMail(this.o.ch, siteId);
    const notice = teamNotice(siteId, visitorId, capture, settings, this.now());
    if (!notice) return;
    const subject = notice.mail.subject;
    // Stored first: the team's reply may come back before the relay confirms.
    await this.store(siteId, '', visitorId, notice.mail.messageId, 'notify', notice.visitorEmail, subject, []);
    this.o.outbox.queue(notice.mail);
  }

  private async teamAnswer(
    siteId: string,
    notice: { visitorId: string; from: string; subject: string; messageId: string },
    messageId: string,
    member: string,
    body: string,
    subject: string,
  ): Promise<InboundOutcome> {
    const messageKey = `em_${createHash('sha256').update(messageId).digest('hex').slice(0, 24)}`;
    const open = this.o.chats.currentOf(siteId, notice.visitorId);
    let chat: ChatSummary;
    if (open) {
      await this.o.chats.postAgent(siteId, open.chatId, messageKey, body, member);
      chat = open;
    } else {
      const contact = { name: '', email: notice.from, phone: '' };
      const first = { messageId: messageKey, body, subject: notice.subject, from: { agentName: member } };
      chat = await this.o.chats.open(siteId, notice.visitorId, 'email', contact, first);
    }
    await this.store(siteId, chat.chatId, notice.visitorId, messageId, 'in', member, subject, []);
    const sent = this.o.chats.messages(siteId, chat.chatId).find((m) => m.messageId === messageKey);
    if (sent) await this.reply(siteId, chat, sent);
    return { kind: open ? 'continued' : 'opened', chatId: chat.chatId };
  }

  /** An agent wrote in an email conversation: the reply goes out threaded under the customer's mails. */
  async reply(siteId: string, chat: ChatSummary, message: ChatMessage): Promise<void> {
    const settings = await readSiteMail(this.o.ch, siteId);
    const own = settings.mailbox?.address;
    if (!own || !chat.visitor.email)
      return console.error(`mail: no mailbox for ${siteId}, reply ${message.messageId} not sent`);
    const thread = await chatEmails(this.o.ch, siteId, chat.chatId);
    const subject = thread.find((m) => m.direction === 'in')?.subject || chat.visitor.question;
    const lastIn = thread.filter((m) => m.direction === 'in').at(-1)?.messageId;
    const key = createHash('sha256').update(`${chat.chatId}\u0000${message.messageId}`).digest('hex').slice(0, 24);
    const messageId = `<reply.${key}@${own.split('@')[1] ?? 'leadtrail.local'}>`;
    // Stored before it is queued: the customer's answer may come before the relay confirms.
    await this.store(siteId, chat.chatId, chat.visitorId, messageId, 'out', own, subject, []);
    this.o.outbox.queue({
      id: `reply-${key}`,
      kind: 'reply',
      siteId,
      from: own,
      to: [chat.visitor.email],
      subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
      text: message.body,
      ...(message.file && {
        attachments: [
          {
            filename: message.file.name,
            path: this.o.files.locate(siteId, chat.visitorId, message.file.id),
            contentType: message.file.type,
          },
        ],
      }),
      messageId,
      inReplyTo: lastIn,
      references: thread.map((m) => m.messageId),
    });
  }

  /** Each attachment with why it is refused: too large, a type not allowed, or bytes that are not what the name says. */
  private async check(
    list: InboundAttachment[],
  ): Promise<(InboundAttachment & { refused: StoredAttachment['refused'] })[]> {
    const out: (InboundAttachment & { refused: StoredAttachment['refused'] })[] = [];
    for (const a of list) {
      const refused = attachmentRefusal(a, this.o.maxAttachmentBytes);
      const type = refused ? null : await sniffType(a.content, a.name);
      out.push({ ...a, type: type ?? a.type, refused: refused ?? (type ? '' : 'type') });
    }
    return out;
  }

  /**
   * Kept attachments become chat files (under the customer's visitor id, so an erasure takes them)
   * and each a message of its own that the console shows as a download. Their ids come from the
   * mail's, so a mail fetched again after a crash is not shown twice.
   */
  private async keep(
    siteId: string,
    chatId: string,
    visitorId: string,
    key: string,
    list: (InboundAttachment & { refused: StoredAttachment['refused'] })[],
  ): Promise<StoredAttachment[]> {
    const out: StoredAttachment[] = [];
    for (const [i, a] of list.entries()) {
      if (a.refused) {
        out.push({ name: a.name, type: a.type, size: a.size, file: '', refused: a.refused });
        continue;
      }
      const id = `f_${createHash('sha256').update(`${siteId}\u0000${key}\u0000${i}`).digest('base64url').slice(0, 22)}`;
      const input = {
        siteId,
        chatId,
        visitorId,
        uploader: 'email',
        name: a.name,
        bytes: a.content,
        type: a.type,
      } as const;
      const file = await this.o.files.keep({ ...input, id });
      await this.o.chats.post(siteId, chatId, file.id, file.name, file);
      out.push({ name: file.name, type: file.type, size: file.size, file: file.id, refused: '' });
    }
    return out;
  }

  private async store(
    siteId: string,
    chatId: string,
    visitorId: string,
    messageId: string,
    direction: 'in' | 'out' | 'notify',
    from: string,
    subject: string,
    files: StoredAttachment[],
  ): Promise<void> {
    await this.o.ch.insert({
      table: TABLES.emailMessages,
      values: [
        {
          site_id: siteId,
          message_id: messageId,
          chat_id: chatId,
          visitor_id: visitorId,
          direction,
          from_address: from,
          subject,
          attachments: JSON.stringify(files),
          ts: this.now(),
        },
      ],
      format: 'JSONEachRow',
    });
  }
}

/** How an attachment shows in the conversation: kept ones by name and size, refused ones with why. */
function listed(a: Pick<StoredAttachment, 'name' | 'size' | 'refused'>): string {
  const kb = Math.max(1, Math.round(a.size / 1024));
  return a.refused ? `[attachment refused (${a.refused}): ${a.name}, ${kb} KB]` : `[attachment: ${a.name}, ${kb} KB]`;
}
