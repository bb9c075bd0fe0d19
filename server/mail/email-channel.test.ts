import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  agentSocket,
  chatBodies,
  chatUpserts,
  sendJson,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { relaySettings, startDovecot, startSmtpRelay, type Dovecot, type SmtpRelay } from '../testing/mail-servers.ts';
import { saveSiteMail, saveSmtp } from './mail-settings-store.ts';
import { listChats } from '../queries/list-chats.ts';
import { realtimeBus } from '../bus/bus.ts';
import { DEFAULT_SERVICE_SETTINGS } from '../contract/service-settings.ts';
import { importKbArticles } from '../kb/kb-articles.ts';
import { kbIndex } from '../kb/kb-search.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';

// Email as a chat channel against real mail servers: Dovecot holds the site's and the
// customer's mailboxes, smtp-server is the relay that delivers into them.
const SITE = 'mail-shop';
const SUPPORT = 'support@shop.test';
const ALICE = 'alice@customer.test';
const TEAM = 'team@shop.test';
const DAVE = 'dave@customer.test';
const ERIN = 'erin@customer.test';
const USERS = {
  [SUPPORT]: 'support-pw',
  [ALICE]: 'alice-pw',
  [TEAM]: 'team-pw',
  [DAVE]: 'dave-pw',
  [ERIN]: 'erin-pw',
};
const MAX_ATTACHMENT = 40_000;
// A real 1×1 PNG: attachments are kept by what their bytes are.
const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MAX_MESSAGE = 300_000;

let h: LiveHarness;
let dovecot: Dovecot;
let relay: SmtpRelay;

beforeAll(async () => {
  dovecot = await startDovecot(USERS);
  relay = await startSmtpRelay(async (to, raw) => {
    if (to in USERS) await dovecot.deliver(to, raw);
  });
  h = await startLiveHarness(
    [SITE],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    { mail: { pollMs: 0, maxMessageBytes: MAX_MESSAGE, maxAttachmentBytes: MAX_ATTACHMENT, retryBaseMs: 50 } },
  );
  await saveSmtp(h.ch, relaySettings(relay.port));
  await saveSiteMail(h.ch, SITE, {
    mailbox: {
      enabled: true,
      address: SUPPORT,
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      user: SUPPORT,
      password: USERS[SUPPORT],
    },
    notify: [TEAM],
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await relay?.close();
  await dovecot?.close();
});

/** A customer's mail client: sends through the relay, which delivers to the site's mailbox. */
async function customerSends(mail: Record<string, unknown>): Promise<void> {
  const t = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true });
  await t.sendMail({ from: `Alice Doe <${ALICE}>`, to: SUPPORT, ...mail });
  t.close();
}

const upserts = chatUpserts;
const bodies = chatBodies;
const send = sendJson;

describe('email channel', () => {
  it('opens a conversation from a mail, threads the reply into the customer inbox, and continues on the answer', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
    await customerSends({
      subject: 'Where is my order?',
      text: 'Hello, order 1042 has not arrived.',
      messageId: '<first.1042@customer.test>',
    });
    const first = await h.app.mail.poller.pollNow();
    expect(first.map((r) => r.outcome.kind)).toEqual(['opened']);
    const chatId = first[0]?.outcome.kind === 'opened' ? first[0].outcome.chatId : '';
    await expect.poll(() => upserts(agent.events).find((c) => c.chatId === chatId)?.channel).toBe('email');
    const chat = upserts(agent.events).find((c) => c.chatId === chatId);
    expect(chat?.visitor.email).toBe(ALICE);
    expect(bodies(agent.events, chatId)).toEqual(['Hello, order 1042 has not arrived.']);

    // The agent answers in the console: it goes out through the outbox and lands in Alice's INBOX, threaded.
    send(agent.ws, { type: 'chat.send', chatId, messageId: 'agent-reply-1', body: 'It ships today.' });
    await expect.poll(async () => (await dovecot.inbox(ALICE)).length, { timeout: 15_000 }).toBe(1);
    const [reply] = await dovecot.inbox(ALICE);
    expect(reply?.subject).toBe('Re: Where is my order?');
    expect(reply?.inReplyTo).toBe('<first.1042@customer.test>');
    expect(reply?.text?.trim()).toBe('It ships today.');
    expect(reply?.from?.value[0]?.address).toBe(SUPPORT);

    // A file the agent sends goes out attached to the reply, the same bytes.
    const upload = await fetch(`${h.base}/api/files?site=${SITE}&chat=${chatId}`, {
      method: 'POST',
      headers: { cookie: `lt_session=${h.tokens.agent}`, 'x-file-name': 'label.png' },
      body: new Uint8Array(SMALL_PNG),
    });
    expect(upload.status).toBe(201);
    await expect.poll(async () => (await dovecot.inbox(ALICE)).length, { timeout: 15_000 }).toBe(2);
    const withFile = (await dovecot.inbox(ALICE))[1];
    expect(withFile?.inReplyTo).toBe('<first.1042@customer.test>');
    expect(withFile?.attachments.map((a) => [a.filename, a.contentType])).toEqual([['label.png', 'image/png']]);
    expect(withFile?.attachments[0]?.content.equals(SMALL_PNG)).toBe(true);

    // Alice answers from her client, quoting the reply: the same conversation goes on, the quote folded away.
    await customerSends({
      subject: 'Re: Where is my order?',
      text: `Thanks! Tracking number please?\n\nOn Thu, 3 Dec 2026, Shop <${SUPPORT}> wrote:\n> It ships today.\n`,
      inReplyTo: reply?.messageId,
      references: ['<first.1042@customer.test>', reply?.messageId ?? ''],
    });
    const second = await h.app.mail.poller.pollNow();
    expect(second.map((r) => r.outcome)).toEqual([{ kind: 'continued', chatId }]);
    await expect
      .poll(() => bodies(agent.events, chatId))
      .toEqual([
        'Hello, order 1042 has not arrived.',
        'It ships today.',
        'label.png',
        'Thanks! Tracking number please?',
      ]);

    // A poll that finds nothing new stores nothing twice.
    expect(await h.app.mail.poller.pollNow()).toEqual([]);

    // Chat history shows and filters the channel.
    const scope = reportScope(SITE, 0, Date.now() + 60_000, {});
    const page = { sort: 'startedAt', order: 'desc', offset: 0, limit: 10 } as const;
    await expect
      .poll(async () => (await listChats(h.ch, scope, { ...page, channel: 'email' })).rows.map((r) => r.chatId))
      .toEqual([chatId]);
    expect((await listChats(h.ch, scope, { ...page, channel: 'web' })).rows).toEqual([]);
    agent.ws.close();
  }, 60_000);

  it('opens nothing for bounces and auto-replies, and passes over bad mail without losing the ones after it', async () => {
    await customerSends({
      subject: 'Out of office',
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await customerSends({ subject: 'Away', text: 'Away.', headers: { Precedence: 'auto_reply' } });
    await dovecot.deliver(
      SUPPORT,
      [
        'From: Mail Delivery System <MAILER-DAEMON@relay.test>',
        `To: ${SUPPORT}`,
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <bounce.1@relay.test>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; relay.test',
        '',
        'Final-Recipient: rfc822; gone@customer.test',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    // No sender at all: nobody to answer.
    await dovecot.deliver(SUPPORT, `To: ${SUPPORT}\r\nSubject: ???\r\n\r\ngarbage \u0000 body\r\n`);
    // Larger than a whole message may be: never fetched.
    await customerSends({ subject: 'Huge', text: 'x'.repeat(MAX_MESSAGE + 1000) });
    // An attachment over the limit is refused; its mail is kept and says so.
    await customerSends({
      from: 'Bob <bob@customer.test>',
      subject: 'Photos',
      text: 'Two files attached.',
      attachments: [
        { filename: 'small.png', content: SMALL_PNG, contentType: 'image/png' },
        // Named as a picture, but text: the bytes decide, so it is refused as a type.
        {
          filename: 'fake.png',
          content: Buffer.from('<html><script>alert(1)</script></html>'),
          contentType: 'image/png',
        },
        { filename: 'big.pdf', content: Buffer.alloc(MAX_ATTACHMENT + 1, 2), contentType: 'application/pdf' },
        { filename: 'run.exe', content: Buffer.alloc(100, 3), contentType: 'application/x-msdownload' },
      ],
    });
    await customerSends({ from: 'Carol <carol@customer.test>', subject: 'Sizes', text: 'Do you have size M?' });
    const report = await h.app.mail.poller.pollNow();
    expect(report.map((r) => (r.outcome.kind === 'skipped' ? r.outcome.reason : r.outcome.kind))).toEqual([
      'auto_reply',
      'auto_reply',
      'bounce',
      'no_sender',
      'too_large',
      'opened',
      'opened',
    ]);
    const bob = report[5]?.outcome;
    const bobChat = bob?.kind === 'opened' ? bob.chatId : '';
    const stored = await h.ch.query({
      query: `SELECT body, meta FROM ${TABLES.chatMessages} FINAL WHERE chat_id = {c:String} ORDER BY seq`,
      query_params: { c: bobChat },
      format: 'JSONEachRow',
    });
    const rows = await stored.json<{ body: string; meta: string }>();
    expect(rows.map((r) => r.body)).toEqual([
      [
        'Two files attached.',
        `[attachment: small.png, ${Math.max(1, Math.round(SMALL_PNG.length / 1024))} KB]`,
        '[attachment refused (type): fake.png, 1 KB]',
        `[attachment refused (too_large): big.pdf, ${Math.round((MAX_ATTACHMENT + 1) / 1024)} KB]`,
        '[attachment refused (type): run.exe, 1 KB]',
      ].join('\n'),
      'small.png',
    ]);
    // The kept one is a chat file: the console downloads it through the files route with the session.
    const { file } = JSON.parse(rows[1]!.meta) as { file: { id: string; type: string; size: number } };
    expect(file).toMatchObject({ type: 'image/png', size: SMALL_PNG.length });
    const got = await fetch(`${h.base}/api/files/${SITE}/${file.id}`, {
      headers: { cookie: `lt_session=${h.tokens.agent}` },
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(SMALL_PNG)).toBe(true);
  }, 60_000);

  it("mails the team an offline message, and a team member's reply reaches the visitor as an email conversation", async () => {
    await pageview(h.base, SITE, 'web-dave', '/pricing', 'Pricing');
    const v = await visitorSocket(h.base);
    v.send(hello(SITE, 'web-dave'));
    v.send({ type: 'offline.message', name: 'Dave', email: DAVE, message: 'Do you ship to Norway?' });
    await expect.poll(async () => (await dovecot.inbox(TEAM)).length, { timeout: 15_000 }).toBe(1);
    const [notice] = await dovecot.inbox(TEAM);
    expect(notice?.subject).toBe('Offline message from Dave');
    expect(notice?.replyTo?.value[0]?.address).toBe(SUPPORT);
    expect(notice?.text).toContain('Do you ship to Norway?');
    v.ws.close();

    // The team member answers from their own mail client, to the Reply-To.
    const t = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true });
    await t.sendMail({
      from: TEAM,
      to: SUPPORT,
      subject: 'Re: Offline message from Dave',
      text: 'Yes, in 3 days.\n\n> Do you ship to Norway?',
      inReplyTo: notice?.messageId,
      references: [notice?.messageId ?? ''],
    });
    t.close();
    const report = await h.app.mail.poller.pollNow();
    const outcome = report[0]?.outcome;
    expect(outcome?.kind).toBe('opened');
    await expect
      .poll(async () => (await dovecot.inbox(DAVE)).map((m) => m.text?.trim()), { timeout: 15_000 })
      .toEqual(['Yes, in 3 days.']);
    const chatId = outcome?.kind === 'opened' ? outcome.chatId : '';
    const r = await h.ch.query({
      query: `SELECT visitor_id, anyIf(props['channel'], type = 'chat_requested') AS channel FROM ${TABLES.events}
              WHERE chat_id = {c:String} GROUP BY visitor_id`,
      query_params: { c: chatId },
      format: 'JSONEachRow',
    });
    // The conversation is the web visitor's own, now by email.
    expect(await r.json()).toEqual([{ visitor_id: 'web-dave', channel: 'email' }]);
  }, 60_000);

  it('leaves email conversations to people even when the robot takes every chat', async () => {
    const article = { question: 'How long does delivery take?', answer: 'Delivery takes 3-5 days.', language: 'en' };
    await importKbArticles(h.ch, SITE, 'json', JSON.stringify([article]), h.userIds.admin);
    for (let i = 0; i < 100 && kbIndex().search(SITE, 'delivery').length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const robot = { ...DEFAULT_SERVICE_SETTINGS.robot, mode: 'always' as const, name: 'Robo' };
    await serviceSettings().save(h.ch, SITE, { ...DEFAULT_SERVICE_SETTINGS, robot });
    realtimeBus().publish('serviceSettings', { siteId: SITE });
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    // Room beside the conversations the tests above left open.
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 10 });
    try {
      await customerSends({
        from: ERIN,
        subject: 'How long does delivery take?',
        text: 'How long does delivery take?',
        messageId: '<erin.1@customer.test>',
      });
      const [opened] = await h.app.mail.poller.pollNow();
      const chatId = opened?.outcome.kind === 'opened' ? opened.outcome.chatId : '';
      // A person takes it; the robot, which would have answered a web or WeChat chat, mails nothing.
      await expect
        .poll(() => upserts(agent.events).findLast((c) => c.chatId === chatId))
        .toMatchObject({ channel: 'email', robot: 'none', agentId: h.userIds.agent });
      await new Promise((r) => setTimeout(r, 500));
      expect(bodies(agent.events, chatId)).toEqual(['How long does delivery take?']);
      expect(await dovecot.inbox(ERIN)).toEqual([]);
      send(agent.ws, { type: 'chat.close', chatId });
      await expect.poll(() => upserts(agent.events).findLast((c) => c.chatId === chatId)?.status).toBe('closed');
    } finally {
      await serviceSettings().save(h.ch, SITE, DEFAULT_SERVICE_SETTINGS);
      agent.ws.close();
    }
  }, 60_000);
});
