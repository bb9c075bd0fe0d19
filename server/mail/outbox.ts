import { createTransport } from 'nodemailer';
import type { SmtpSettings } from '../contract/mail.ts';
import { MailOutboxFiles, type OutgoingMail, type PendingMail } from './outbox-files.ts';

export type { OutgoingMail } from './outbox-files.ts';

/** Retries stop this long after the first attempt; the mail moves to `failed/`. */
const GIVE_UP_MS = 24 * 3_600_000;
const MAX_WAIT_MS = 3_600_000;

export interface MailOutboxOptions {
  dir: string;
  /** The relay to send through, read at each send so a saved setting applies at once; null: not set up (retried). */
  smtp(): Promise<SmtpSettings | null>;
  /** The first retry's wait; each further one doubles it, up to an hour. */
  retryBaseMs?: number;
  now?: () => number;
}

export type SendResult = { ok: true } | { ok: false; error: string };

/**
 * The one outgoing-mail outbox. A mail is written to disk before `queue` returns, sent in
 * the background, retried with back-off, and marked sent once the relay accepts it. Its id
 * is the fact it reports, so queuing the same fact again (a replay after a crash) is a no-op,
 * and its Message-ID is fixed when queued, so a resend is the same message.
 */
export class MailOutbox {
  private readonly files: MailOutboxFiles;
  private readonly due = new Map<string, PendingMail>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly now: () => number;
  private readonly listeners = new Set<(id: string, result: SendResult) => void>();

  constructor(private readonly options: MailOutboxOptions) {
    this.files = new MailOutboxFiles(options.dir);
    this.now = options.now ?? Date.now;
  }

  /** Loads what a previous run left and starts sending it. */
  start(): void {
    this.files.prune(this.now());
    for (const p of this.files.load()) this.due.set(p.mail.id, p);
    this.kick();
  }

  /** Queues a mail once; false when this id was queued or sent before. */
  queue(mail: OutgoingMail): boolean {
    if (this.closed || this.due.has(mail.id) || this.files.known(mail.id)) return false;
    const at = this.now();
    const p: PendingMail = { mail, attempts: 0, nextAt: at, firstAt: at, lastError: '' };
    this.files.put(p);
    this.due.set(mail.id, p);
    this.kick();
    return true;
  }

  /** Hears each attempt's result (the settings page's test message, tests). */
  onResult(listener: (id: string, result: SendResult) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Queued or sent before: a report already sent for its period is not built again. */
  has(id: string): boolean {
    return this.due.has(id) || this.files.known(id);
  }

  /** Since when a site's oldest mail still failing was first tried; null when none has failed. */
  failingSince(siteId: string): number | null {
    const failing = [...this.due.values()].filter((p) => p.attempts > 0 && p.mail.siteId === siteId);
    return failing.length > 0 ? Math.min(...failing.map((p) => p.firstAt)) : null;
  }

  /** Mails not yet accepted by the relay. */
  pending(): number {
    return this.due.size;
  }

  /** Waits for the send in progress; what is still due is sent after the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private kick(): void {
    if (this.closed || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.sendDue().finally(() => {
      this.running = null;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.closed || this.due.size === 0) return;
    const next = Math.min(...[...this.due.values()].map((p) => p.nextAt));
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - this.now()));
    this.timer.unref();
  }

  private async sendDue(): Promise<void> {
    const smtp = await this.options.smtp().catch(() => null);
    for (const p of [...this.due.values()]) {
      if (this.closed) return;
      if (p.nextAt > this.now()) continue;
      const result = smtp ? await send(smtp, p.mail) : { ok: false as const, error: 'smtp_not_configured' };
      if (result.ok) {
        this.files.markSent(p.mail.id);
        this.due.delete(p.mail.id);
      } else this.retry(p, result.error);
      for (const l of this.listeners) l(p.mail.id, result);
    }
  }

  private retry(p: PendingMail, error: string): void {
    p.attempts++;
    p.lastError = error;
    const wait = Math.min(MAX_WAIT_MS, (this.options.retryBaseMs ?? 30_000) * 2 ** (p.attempts - 1));
    p.nextAt = this.now() + wait;
    if (p.nextAt - p.firstAt > GIVE_UP_MS) {
      console.error(`mail: gave up on ${p.mail.id} after ${p.attempts} attempts: ${error}`);
      this.files.markFailed(p);
      this.due.delete(p.mail.id);
      return;
    }
    this.files.put(p);
  }
}

/** One SMTP delivery; an answer of the relay or a network error is a failed attempt. */
export async function send(smtp: SmtpSettings, mail: OutgoingMail): Promise<SendResult> {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({
      from: mail.from ?? { name: smtp.fromName, address: smtp.from },
      to: mail.to,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) =>
        'path' in a
          ? { filename: a.filename, contentType: a.contentType, cid: a.cid, path: a.path }
          : {
              filename: a.filename,
              contentType: a.contentType,
              cid: a.cid,
              content: Buffer.from(a.contentBase64, 'base64'),
            },
      ),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 300) : 'send failed' };
  } finally {
    transport.close();
  }
}
