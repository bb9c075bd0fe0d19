import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ChannelChats } from '../chat/channel-chats.ts';
import type { ChatDeps } from '../chat/chat-service.ts';
import { ChatFileStore } from '../chat/chat-files.ts';
import { MailChannel } from './mail-channel.ts';
import { MailboxPoller } from './mailbox-poller.ts';
import { mailRuntime } from './mail-runtime.ts';
import { readSmtp } from './mail-settings-store.ts';
import { MailOutbox } from './outbox.ts';
import { transcriptMail } from './transcript-mail.ts';

export interface MailOptions {
  /** The outbox lives here. */
  dir: string;
  /** Kept attachments are chat files, here (`<data dir>/files`). */
  filesDir: string;
  /** Mailboxes are read this often (0 = only on demand). */
  pollMs: number;
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  retryBaseMs?: number | undefined;
}

/**
 * Email in the one process. The outbox starts first, so a chat restored at start can queue a
 * reply; the channel and the mailbox reader need the chat service, so `connect` comes after it.
 */
export class MailWiring {
  readonly outbox: MailOutbox;
  private channel: MailChannel | null = null;
  private poller: MailboxPoller | null = null;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly options: MailOptions,
  ) {
    this.outbox = new MailOutbox({
      dir: join(options.dir, 'outbox'),
      smtp: () => readSmtp(ch),
      retryBaseMs: options.retryBaseMs,
    });
    this.outbox.start();
  }

  /** Chat's hooks: an agent's reply in an email conversation goes out; captured contacts reach the team. */
  readonly chatHooks: Required<Pick<ChatDeps, 'outbound' | 'captured' | 'transcript'>> = {
    outbound: (siteId, summary, message) => {
      if (summary.channel === 'email')
        void this.channel
          ?.reply(siteId, summary, message)
          .catch((error: unknown) => console.error('mail: reply not queued', error));
    },
    // Without a relay nothing is queued: the sender hears mail is off rather than waiting a day for nothing.
    transcript: async (request) => {
      if ((await readSmtp(this.ch)) === null) return false;
      this.outbox.queue(transcriptMail(request));
      return true;
    },
    captured: (siteId, visitorId, capture) =>
      void this.channel
        ?.notifyTeam(siteId, visitorId, capture)
        .catch((error: unknown) => console.error('mail: team not told', error)),
  };

  /** Starts reading mailboxes into `chats`; tRPC (inside Next) reaches the same outbox and poller. */
  connect(chats: ChannelChats): MailboxPoller {
    this.channel = new MailChannel({
      ch: this.ch,
      chats,
      outbox: this.outbox,
      files: new ChatFileStore(this.ch, this.options.filesDir),
      maxAttachmentBytes: this.options.maxAttachmentBytes,
    });
    const poller = new MailboxPoller({
      ch: this.ch,
      channel: this.channel,
      everyMs: this.options.pollMs,
      maxMessageBytes: this.options.maxMessageBytes,
    });
    poller.start();
    this.poller = poller;
    Object.assign(mailRuntime(), { outbox: this.outbox, poller });
    return poller;
  }

  /** Before chat stops: no new mail becomes a conversation. */
  async stopReading(): Promise<void> {
    await this.poller?.close();
  }

  /** After chat has drained: the replies it queued are on disk. */
  async close(): Promise<void> {
    await this.outbox.close();
    Object.assign(mailRuntime(), { outbox: null, poller: null });
  }
}
