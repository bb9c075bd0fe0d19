import type { ClickHouseClient } from '@clickhouse/client';
import { ImapFlow } from 'imapflow';
import { TABLES } from '../../clickhouse/tables.ts';
import { siteMailSettingsSchema, type MailboxSettings } from '../contract/mail.ts';
import { mailboxCursor } from '../queries/mailbox-cursor.ts';
import { mailboxSites } from '../queries/mailbox-sites.ts';
import type { InboundOutcome, MailChannel } from './mail-channel.ts';

export interface PollerOptions {
  ch: ClickHouseClient;
  channel: MailChannel;
  /** How often each mailbox is read; 0 = only when `pollNow` is called. */
  everyMs: number;
  /** Mails larger than this are not fetched (logged and passed over). */
  maxMessageBytes: number;
}

export type PollReport = { siteId: string; uid: number; outcome: InboundOutcome | { kind: 'too_large' } }[];

/**
 * Reads each site's mailbox (INBOX over IMAP) from where the last poll stopped. Every mail
 * is handled on its own: one that fails to parse or is too large is logged and passed over,
 * never holding back those after it. The cursor moves after each mail, and a mail fetched
 * twice (a crash before the cursor moved) is recognised by its Message-ID and stored once.
 */
export class MailboxPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollReport> | null = null;
  private queued: Promise<PollReport> | null = null;
  private closed = false;

  constructor(private readonly o: PollerOptions) {}

  start(): void {
    if (this.o.everyMs <= 0) return;
    const tick = () => {
      void this.pollNow()
        .catch((error: unknown) => console.error('mail: poll failed', error))
        .finally(() => {
          this.timer = setTimeout(tick, this.o.everyMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(tick, 1_000);
    this.timer.unref();
  }

  /**
   * A pass over every enabled mailbox (one at a time) that reads them after this call. Asked
   * while a pass runs, it waits for that one and reads again: joining a pass that opened the
   * mailbox before the mail came reported "no new mail" for mail already there (an e2e run
   * caught the 60 s poll doing so). Its report holds both passes; asks meanwhile share the one
   * follow-up.
   */
  pollNow(): Promise<PollReport> {
    const earlier = this.running;
    if (!earlier) return this.begin();
    this.queued ??= earlier
      .catch((): PollReport => [])
      .then(async (before) => {
        this.queued = null;
        if (this.closed) return before;
        // A pass begun since (the timer's) started after this ask too.
        return [...before, ...(await (this.running ?? this.begin()))];
      });
    return this.queued;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  private begin(): Promise<PollReport> {
    this.running = this.pollAll().finally(() => (this.running = null));
    return this.running;
  }

  private async pollAll(): Promise<PollReport> {
    const report: PollReport = [];
    for (const { siteId, settings } of await mailboxSites(this.o.ch)) {
      const parsed = siteMailSettingsSchema.safeParse(safeJson(settings));
      const mailbox = parsed.success ? parsed.data.mailbox : null;
      if (!mailbox?.enabled) continue;
      try {
        report.push(...(await this.pollSite(siteId, mailbox)));
      } catch (error) {
        console.error(`mail: mailbox of ${siteId} not read`, error instanceof Error ? error.message : error);
      }
    }
    return report;
  }

  private async pollSite(siteId: string, m: MailboxSettings): Promise<PollReport> {
    const client = new ImapFlow({
      host: m.host,
      port: m.port,
      secure: m.security === 'tls',
      doSTARTTLS: m.security === 'starttls' ? true : m.security === 'none' ? false : undefined,
      auth: { user: m.user, pass: m.password },
      logger: false,
    });
    const report: PollReport = [];
    await client.connect();
    try {
      const box = await client.mailboxOpen('INBOX');
      const validity = Number(box.uidValidity);
      const cursor = await mailboxCursor(this.o.ch, siteId);
      // A new uid_validity renumbered the mailbox: read it again; Message-IDs keep that from doubling anything.
      let last = cursor && cursor.uidValidity === validity ? cursor.lastUid : 0;
      if (box.exists === 0) return report;
      const listed = await client.fetchAll(`${last + 1}:*`, { uid: true, size: true }, { uid: true });
      for (const item of listed.filter((x) => x.uid > last).sort((a, b) => a.uid - b.uid)) {
        let outcome: PollReport[number]['outcome'];
        if ((item.size ?? 0) > this.o.maxMessageBytes) outcome = { kind: 'too_large' };
        else {
          const full = await client.fetchOne(String(item.uid), { source: true }, { uid: true });
          outcome =
            full && full.source
              ? await this.o.channel.receive(siteId, m.address, full.source).catch((error: unknown) => {
                  console.error(`mail: message ${item.uid} of ${siteId} not handled`, error);
                  return { kind: 'malformed' as const };
                })
              : { kind: 'malformed' };
        }
        if (outcome.kind === 'malformed' || outcome.kind === 'too_large')
          console.warn(`mail: passed over message uid ${item.uid} of ${siteId} (${outcome.kind})`);
        report.push({ siteId, uid: item.uid, outcome });
        last = item.uid;
        await this.saveCursor(siteId, validity, last);
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return report;
  }

  private async saveCursor(siteId: string, uidValidity: number, lastUid: number): Promise<void> {
    await this.o.ch.insert({
      table: TABLES.mailboxCursors,
      values: [{ site_id: siteId, uid_validity: uidValidity, last_uid: lastUid, version: nextVersion() }],
      format: 'JSONEachRow',
    });
  }
}

let seq = 0;
/** Newest wins: two saves in one millisecond still order. */
function nextVersion(): number {
  seq = (seq + 1) % 1000;
  return Date.now() * 1000 + seq;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
