import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailKind } from '../contract/mail.ts';

/** A file sent with a mail: its bytes (base64) or a path read when it is sent. */
export type MailAttachment = { filename: string; contentType: string; cid?: string } & (
  { contentBase64: string } | { path: string }
);

/** One mail as it will be sent: fixed when queued, so every retry and a replay send the same message. */
export interface OutgoingMail {
  /** Stable id from what the mail is for (a chat message, a lead…): queuing it again is a no-op. */
  id: string;
  kind: MailKind;
  siteId: string;
  to: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header, `<…>`; replies thread on it. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** A From address other than the relay's (a site mailbox's own address). */
  from?: string;
  /** Extra headers (List-Unsubscribe of a report). */
  headers?: Record<string, string>;
  /**
   * Files sent with it: bytes inline (a report's chart; one with a `cid` is shown where the HTML
   * names `cid:<cid>`), or read from disk when sent (a chat file the agent sent by email).
   */
  attachments?: MailAttachment[];
}

export interface PendingMail {
  mail: OutgoingMail;
  attempts: number;
  nextAt: number;
  firstAt: number;
  lastError: string;
}

const SAFE = /^[\w.-]+$/;
const SENT_KEEP_MS = 30 * 86_400_000;

/**
 * The mail outbox on disk: `pending/` one file per mail still to send, `sent/` an empty
 * mark per mail the relay accepted, `failed/` mails given up on. Files are written to a
 * temporary name and renamed, so a crash leaves a whole file or none.
 */
export class MailOutboxFiles {
  private readonly pending: string;
  private readonly sent: string;
  private readonly failed: string;

  constructor(dir: string) {
    this.pending = join(dir, 'pending');
    this.sent = join(dir, 'sent');
    this.failed = join(dir, 'failed');
    for (const d of [this.pending, this.sent, this.failed]) {
      mkdirSync(d, { recursive: true });
      for (const f of readdirSync(d)) if (f.endsWith('.tmp')) rmSync(join(d, f), { force: true });
    }
  }

  /** Queued or sent already (a replay of the same fact). */
  known(id: string): boolean {
    const name = safe(id);
    return (
      existsSync(join(this.pending, `${name}.json`)) ||
      existsSync(join(this.sent, name)) ||
      existsSync(join(this.failed, `${name}.json`))
    );
  }

  put(p: PendingMail): void {
    const file = join(this.pending, `${safe(p.mail.id)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(p));
    renameSync(`${file}.tmp`, file);
  }

  /** The relay accepted it: mark first, then drop the pending file, so a crash between the two sends nothing again. */
  markSent(id: string): void {
    const name = safe(id);
    writeFileSync(join(this.sent, name), '');
    rmSync(join(this.pending, `${name}.json`), { force: true });
  }

  markFailed(p: PendingMail): void {
    const name = safe(p.mail.id);
    writeFileSync(join(this.failed, `${name}.json`), JSON.stringify(p));
    rmSync(join(this.pending, `${name}.json`), { force: true });
  }

  /** Mails still to send, including those a crash left with a sent mark (dropped here, not sent). */
  load(): PendingMail[] {
    const out: PendingMail[] = [];
    for (const f of readdirSync(this.pending)) {
      if (!f.endsWith('.json')) continue;
      const id = f.slice(0, -'.json'.length);
      if (existsSync(join(this.sent, id))) {
        rmSync(join(this.pending, f), { force: true });
        continue;
      }
      try {
        out.push(JSON.parse(readFileSync(join(this.pending, f), 'utf8')) as PendingMail);
      } catch {
        // A file that does not parse cannot be sent; keep it aside for a person to look at.
        renameSync(join(this.pending, f), join(this.failed, f));
      }
    }
    return out;
  }

  /** Sent marks older than a month: the facts they stand for are not replayed any more. */
  prune(now: number): void {
    for (const f of readdirSync(this.sent))
      if (now - statSync(join(this.sent, f)).mtimeMs > SENT_KEEP_MS) rmSync(join(this.sent, f), { force: true });
  }
}

function safe(id: string): string {
  if (!SAFE.test(id) || id.length > 200) throw new Error(`mail: unsafe outbox id ${id}`);
  return id;
}
