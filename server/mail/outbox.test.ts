import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { SmtpSettings } from '../contract/mail.ts';
import { relaySettings, startSmtpRelay, type SmtpRelay } from '../testing/mail-servers.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { MailOutbox, type OutgoingMail } from './outbox.ts';
import { MailOutboxFiles } from './outbox-files.ts';

// The outbox against a real SMTP server (smtp-server on loopback).
let relay: SmtpRelay;
let smtp: SmtpSettings;

beforeAll(async () => {
  relay = await startSmtpRelay(() => Promise.resolve());
  smtp = relaySettings(relay.port);
});
afterAll(async () => {
  await relay.close();
});

const mail = (id: string): OutgoingMail => ({
  id,
  kind: 'notify',
  siteId: 's1',
  to: ['team@shop.test'],
  subject: `Mail ${id}`,
  text: `Body of ${id}`,
  messageId: `<${id}@shop.test>`,
});
const sentIds = async () => Promise.all(relay.received.map(async (r) => (await simpleParser(r.raw)).messageId));

describe('mail outbox', () => {
  it('retries a refused mail with back-off and sends it once', async () => {
    const dir = tempDir('outbox');
    const outbox = new MailOutbox({ dir, smtp: () => Promise.resolve(smtp), retryBaseMs: 30 });
    const before = relay.received.length;
    const attempts: boolean[] = [];
    outbox.onResult((_id, r) => attempts.push(r.ok));
    relay.refuseNext(2);
    outbox.start();
    expect(outbox.queue(mail('retry-1'))).toBe(true);
    await expect.poll(() => attempts, { timeout: 10_000 }).toEqual([false, false, true]);
    expect(relay.received.length - before).toBe(1);
    expect(outbox.pending()).toBe(0);
    await outbox.close();
  });

  it('sends nothing twice across a restart: queued mail goes once, sent and re-queued facts never again', async () => {
    const dir = tempDir('outbox');
    // A first run queues two mails while the relay is not set up, and stops.
    let configured: SmtpSettings | null = null;
    const first = new MailOutbox({ dir, smtp: () => Promise.resolve(configured), retryBaseMs: 50 });
    first.start();
    first.queue(mail('replay-a'));
    first.queue(mail('replay-b'));
    await expect.poll(() => readdirSync(join(dir, 'pending')).sort()).toEqual(['replay-a.json', 'replay-b.json']);
    await first.close();
    // A crash after the relay took replay-b but before its pending file went: only the sent mark is left behind.
    new MailOutboxFiles(dir).markSent('replay-b');
    const recreated = join(dir, 'pending', 'replay-b.json');
    const files = new MailOutboxFiles(dir);
    files.put({ mail: mail('replay-b'), attempts: 0, nextAt: 0, firstAt: 0, lastError: '' });
    expect(existsSync(recreated)).toBe(true);

    configured = smtp;
    const before = relay.received.length;
    const second = new MailOutbox({ dir, smtp: () => Promise.resolve(configured), retryBaseMs: 10 });
    second.start();
    await expect.poll(() => second.pending(), { timeout: 10_000 }).toBe(0);
    // The same facts queued again (their events replayed) are known: nothing is sent.
    expect(second.queue(mail('replay-a'))).toBe(false);
    expect(second.queue(mail('replay-b'))).toBe(false);
    await second.close();
    const third = new MailOutbox({ dir, smtp: () => Promise.resolve(configured) });
    third.start();
    expect(third.queue(mail('replay-a'))).toBe(false);
    await third.close();
    expect((await sentIds()).slice(before)).toEqual(['<replay-a@shop.test>']);
  });
});
