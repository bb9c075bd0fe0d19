import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { simpleParser } from 'mailparser';
import { TABLES } from '../../clickhouse/tables.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import type { ChatMessage, ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import type { ChatFile } from '../contract/chat-files.ts';
import { createApp } from '../app.ts';
import { listen } from '../testing/http.ts';
import { saveSmtp } from '../mail/mail-settings-store.ts';
import { erasePerson } from '../privacy/erase-person.ts';
import { getChatTranscript } from '../queries/chat-transcript.ts';
import { relaySettings, startSmtpRelay, type SmtpRelay } from '../testing/mail-servers.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { tempDir } from '../testing/temp-dir.ts';

// Files in chat over real HTTP with real sockets, and the transcript through the real SMTP
// sink. Each test has its own site, so their visitors, agents and rate limits never meet.
const SITES = {
  both: 'files-both',
  refuse: 'files-refuse',
  access: 'files-access',
  rate: 'files-rate',
  mail: 'files-mail',
  erase: 'files-erase',
  restart: 'files-restart',
};
const MAX_BYTES = 100_000;
const PER_VISITOR = 8;
const FILES_DIR = tempDir('files');
const REALTIME = { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 };

// A real 1×1 PNG and a minimal PDF: what a phone screenshot and a quote would start with.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let h: LiveHarness;
let relay: SmtpRelay;
let otherAgentToken: string;

beforeAll(async () => {
  relay = await startSmtpRelay(() => Promise.resolve());
  h = await startLiveHarness([...Object.values(SITES)], REALTIME, {
    files: { dir: FILES_DIR, maxBytes: MAX_BYTES, perVisitorMinute: PER_VISITOR, perSiteMinute: 1000 },
    mail: { pollMs: 0, maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000, retryBaseMs: 50 },
  });
  await saveSmtp(h.ch, relaySettings(relay.port));
  // An agent of another site: staff, but not of these sites.
  const other = await saveUser(h.ch, {
    email: 'elsewhere@example.com',
    name: 'Elsewhere',
    role: 'agent',
    siteIds: ['other-site'],
    password: 'elsewhere-pass',
  });
  otherAgentToken = (await createSession(h.ch, other.id)).token;
}, 60_000);

afterAll(async () => {
  await h?.close();
  await relay?.close();
});

const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));

/** A visitor page that started a chat (with the agent of the site online): its socket, messages and token. */
async function chatting(site: string, visitorId: string, request: object = {}) {
  const agent = await agentSocket(h.base, h.tokens.agent, site);
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId, 'https://shop.example/pricing'), lang: 'zh' });
  await expect.poll(() => got.some((m) => m.type === 'welcome' && m.agentsOnline)).toBe(true);
  v.send({ type: 'chat.request', question: 'Can I send you a screenshot?', ...request });
  await expect.poll(() => got.some((m) => m.type === 'chat.state' && m.token)).toBe(true);
  const state = got.find(
    (m): m is Extract<ServerToVisitor, { type: 'chat.state' }> => m.type === 'chat.state' && !!m.token,
  )!;
  const messages = () => got.flatMap((m) => (m.type === 'chat.message' ? [m.message] : []));
  const agentMessages = () =>
    agent.events.flatMap((e: ServerToAgent) => (e.type === 'chat.message' ? [e.message] : []));
  return { v, got, agent, chatId: state.chat!.chatId, token: state.token!, messages, agentMessages };
}

function upload(
  site: string,
  chatId: string,
  name: string,
  bytes: Buffer,
  auth: { token?: string; session?: string; origin?: string },
): Promise<Response> {
  const headers: Record<string, string> = { 'x-file-name': encodeURIComponent(name), 'content-type': 'image/png' };
  if (auth.token) headers['authorization'] = `Bearer ${auth.token}`;
  if (auth.session) headers['cookie'] = `lt_session=${auth.session}`;
  if (auth.origin) headers['origin'] = auth.origin;
  return fetch(`${h.base}/api/files?site=${site}&chat=${chatId}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(bytes),
  });
}

function download(site: string, fileId: string, auth: { token?: string; session?: string }): Promise<Response> {
  const headers: Record<string, string> = {};
  if (auth.token) headers['authorization'] = `Bearer ${auth.token}`;
  if (auth.session) headers['cookie'] = `lt_session=${auth.session}`;
  return fetch(`${h.base}/api/files/${site}/${fileId}`, { headers });
}

const fileOf = (list: ChatMessage[], name: string) => list.find((m) => m.file?.name === name)?.file;

describe('chat files', () => {
  it('a visitor sends an image, the agent sees it and sends a PDF back that the visitor downloads', async () => {
    const c = await chatting(SITES.both, 'files-visitor-1');
    // The widget runs on the shop's own origin: its token header needs the preflight to pass, with no cookies allowed.
    const preflight = await fetch(`${h.base}/api/files?site=${SITES.both}&chat=${c.chatId}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-file-name',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-file-name');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const up = await upload(SITES.both, c.chatId, 'screen shot.png', PNG, { token: c.token });
    expect(up.status).toBe(201);
    await expect
      .poll(() => fileOf(c.agentMessages(), 'screen shot.png'))
      .toMatchObject({ name: 'screen shot.png', size: PNG.length, type: 'image/png' });
    const image = fileOf(c.agentMessages(), 'screen shot.png')!;
    expect(image.id).toMatch(/^f_[A-Za-z0-9_-]{22}$/);
    // The visitor's own pages show it too, as a visitor message.
    await expect.poll(() => c.messages().find((m) => m.file?.id === image.id)?.sender).toBe('visitor');

    // The agent sees the thumbnail through their session: inline, as the sniffed image type.
    const thumb = await download(SITES.both, image.id, { session: h.tokens.agent });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    expect(thumb.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''screen%20shot.png");
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await thumb.arrayBuffer()).equals(PNG)).toBe(true);

    // The agent's PDF: the same-origin dashboard page uploads with the session cookie.
    const pdf = await upload(SITES.both, c.chatId, '报价单 quote.pdf', PDF, {
      session: h.tokens.agent,
      origin: h.base,
    });
    expect(pdf.status).toBe(201);
    await expect.poll(() => fileOf(c.messages(), '报价单 quote.pdf')?.type).toBe('application/pdf');
    const sent = c.messages().find((m) => m.file?.name === '报价单 quote.pdf')!;
    expect(sent).toMatchObject({ sender: 'agent', agentName: 'Agent', body: '报价单 quote.pdf' });
    const got = await download(SITES.both, sent.file!.id, { token: c.token });
    expect(got.status).toBe(200);
    // Never shown as a page: a download with the name, whatever the type.
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('报价单 quote.pdf')}`,
    );
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);

    // Stored with the chat: the message survives a restart with its file. Messages are answered
    // once journaled and reach the store a flush later (CI21, a loaded runner, read it too soon).
    await vi.waitFor(
      async () => {
        const stored = await h.ch.query({
          query: `SELECT body, meta FROM ${TABLES.chatMessages} FINAL WHERE chat_id = {c:String} AND message_id = {m:String}`,
          query_params: { c: c.chatId, m: sent.file!.id },
          format: 'JSONEachRow',
        });
        const [row] = await stored.json<{ body: string; meta: string }>();
        expect(row?.body).toBe('报价单 quote.pdf');
        expect(JSON.parse(row!.meta)).toEqual({ file: sent.file });
        // Chat history's transcript names the files, so staff open them there too.
        const history = await getChatTranscript(h.ch, SITES.both, c.chatId);
        expect(history.map((m) => m.file?.name ?? '')).toEqual(['', 'screen shot.png', '报价单 quote.pdf']);
      },
      { timeout: 10_000, interval: 200 },
    );
    c.v.ws.close();
    c.agent.ws.close();
  });

  it('refuses an oversized file (413) and a disallowed or lying type (415), keeping nothing', async () => {
    const c = await chatting(SITES.refuse, 'files-visitor-2');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES, 1)]);
    const tooBig = await upload(SITES.refuse, c.chatId, 'big.png', big, { token: c.token });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ error: 'too_large' });
    const cases: [string, Buffer][] = [
      // A page named as an image: the bytes are text, the name says PNG.
      ['cat.png', Buffer.from('<html><script>alert(1)</script></html>')],
      // SVG runs script when opened: refused whatever it is called.
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['notes.txt', Buffer.from('<svg onload="alert(1)"></svg>')],
      // A PDF named as a text file, and an executable.
      ['readme.txt', PDF],
      ['setup.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1')],
    ];
    for (const [name, bytes] of cases) {
      const r = await upload(SITES.refuse, c.chatId, name, bytes, { token: c.token });
      expect([name, r.status]).toEqual([name, 415]);
    }
    // Plain text and CSV are fine.
    expect(
      (await upload(SITES.refuse, c.chatId, 'order.csv', Buffer.from('id,qty\n1,2\n'), { token: c.token })).status,
    ).toBe(201);
    await expect
      .poll(() =>
        c
          .agentMessages()
          .filter((m) => m.file)
          .map((m) => m.file!.type),
      )
      .toEqual(['text/csv']);
    const kept = await h.ch.query({
      query: `SELECT count() AS n FROM ${TABLES.chatFiles} WHERE site_id = {s:String}`,
      query_params: { s: SITES.refuse },
      format: 'JSONEachRow',
    });
    expect(await kept.json()).toEqual([{ n: 1 }]);
    c.v.ws.close();
    c.agent.ws.close();
  });

  it("answers 403/404 for another chat's token and for another site's staff", async () => {
    const a = await chatting(SITES.access, 'files-visitor-3a');
    const b = await chatting(SITES.access, 'files-visitor-3b');
    const up = await upload(SITES.access, a.chatId, 'a.png', PNG, { token: a.token });
    const { file } = (await up.json()) as { file: { id: string } };
    // B's token opens nothing of A's: no upload into A's chat, no download of A's file.
    expect((await upload(SITES.access, a.chatId, 'b.png', PNG, { token: b.token })).status).toBe(404);
    expect((await download(SITES.access, file.id, { token: b.token })).status).toBe(403);
    // Another site's agent, and a marketer of another site.
    expect((await download(SITES.access, file.id, { session: otherAgentToken })).status).toBe(403);
    expect((await upload(SITES.access, a.chatId, 'x.png', PNG, { session: otherAgentToken })).status).toBe(403);
    expect((await download(SITES.access, file.id, { session: h.tokens.outsider })).status).toBe(403);
    // Nobody at all; the file under another site's id; an id that was never given.
    expect((await download(SITES.access, file.id, {})).status).toBe(401);
    expect((await download(SITES.both, file.id, { session: h.tokens.admin })).status).toBe(404);
    expect((await download(SITES.access, 'f_AAAAAAAAAAAAAAAAAAAAAA', { token: a.token })).status).toBe(404);
    // A staff cookie sent by another site's page is refused (the upload would be a forgery).
    expect(
      (await upload(SITES.access, a.chatId, 'y.png', PNG, { session: h.tokens.agent, origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    // The admin (all sites) and A's own token read it.
    expect((await download(SITES.access, file.id, { session: h.tokens.admin })).status).toBe(200);
    expect((await download(SITES.access, file.id, { token: a.token })).status).toBe(200);
    for (const c of [a, b]) {
      c.v.ws.close();
      c.agent.ws.close();
    }
  });

  it("lets an open chat's visitor download before the chat's token row is stored", async () => {
    const a = await chatting(SITES.access, 'files-visitor-7a');
    const b = await chatting(SITES.access, 'files-visitor-7b');
    const up = await upload(SITES.access, a.chatId, 'early.png', PNG, { token: a.token });
    const { file } = (await up.json()) as { file: { id: string } };
    // As if the token row were still journaled, not inserted (a loaded store lags its journal).
    await h.ch.command({
      query: `ALTER TABLE chat_tokens DELETE WHERE chat_id IN {ids:Array(String)} SETTINGS mutations_sync = 2`,
      query_params: { ids: [a.chatId, b.chatId] },
    });
    expect((await download(SITES.access, file.id, { token: a.token })).status).toBe(200);
    expect((await download(SITES.access, file.id, { token: b.token })).status).toBe(403);
    for (const c of [a, b]) {
      c.v.ws.close();
      c.agent.ws.close();
    }
  });

  it('limits uploads per visitor', async () => {
    const c = await chatting(SITES.rate, 'files-visitor-4');
    const statuses: number[] = [];
    for (let i = 0; i < PER_VISITOR + 2; i++)
      statuses.push((await upload(SITES.rate, c.chatId, `p${i}.png`, PNG, { token: c.token })).status);
    expect(statuses).toEqual([...Array<number>(PER_VISITOR).fill(201), 429, 429]);
    c.v.ws.close();
    c.agent.ws.close();
  });

  it('erasing the person deletes their files', async () => {
    const c = await chatting(SITES.erase, 'files-visitor-6');
    const up = await upload(SITES.erase, c.chatId, 'id-card.png', PNG, { token: c.token });
    const { file } = (await up.json()) as { file: { id: string } };
    const folder = join(FILES_DIR, SITES.erase, 'files-visitor-6');
    expect(existsSync(join(folder, file.id))).toBe(true);
    c.v.ws.close();
    c.agent.ws.close();
    await h.app.writer.drain();
    await erasePerson(h.ch, SITES.erase, 'files-visitor-6', { id: h.userIds.admin, email: 'boss@example.com' });
    await expect.poll(() => existsSync(folder)).toBe(false);
    expect((await download(SITES.erase, file.id, { session: h.tokens.admin })).status).toBe(404);
  });
});

describe('chat files across a restart', () => {
  it('a restored chat shows its files, which still download, and takes new ones', async () => {
    const c = await chatting(SITES.restart, 'files-visitor-7');
    const up = await upload(SITES.restart, c.chatId, 'before.png', PNG, { token: c.token });
    const { file } = (await up.json()) as { file: ChatFile };
    c.v.ws.close();
    c.agent.ws.close();
    await h.app.close();
    h.app = await createApp({
      ch: h.ch,
      trustProxy: true,
      flushMs: 2,
      journalDir: tempDir('journal'),
      realtime: REALTIME,
      files: { dir: FILES_DIR, maxBytes: MAX_BYTES, perVisitorMinute: PER_VISITOR, perSiteMinute: 1000 },
    });
    h.base = await listen(h.app.server);
    const back = await agentSocket(h.base, h.tokens.agent, SITES.restart);
    await expect
      .poll(() => back.events.flatMap((e) => (e.type === 'chat.snapshot' ? e.messages : [])).find((m) => m.file))
      .toMatchObject({ messageId: file.id, sender: 'visitor', body: 'before.png', file });
    expect((await download(SITES.restart, file.id, { token: c.token })).status).toBe(200);
    expect((await upload(SITES.restart, c.chatId, 'after.png', PNG, { token: c.token })).status).toBe(201);
    back.ws.close();
  });
});

describe('transcript by email', () => {
  const mailsTo = async (to: string) =>
    Promise.all(relay.received.filter((r) => r.to.includes(to)).map((r) => simpleParser(r.raw)));

  it("mails the visitor's chat in their language, once per chat and address; the agent can send it too", async () => {
    const c = await chatting(SITES.mail, 'files-visitor-5', { email: 'li.na@customer.test', name: 'Li Na' });
    send(c.agent.ws, { type: 'chat.send', chatId: c.chatId, messageId: 'agent-msg-0001', body: 'Sure, send it here.' });
    await expect.poll(() => c.messages().length).toBe(2);
    await upload(SITES.mail, c.chatId, 'shot.png', PNG, { token: c.token });
    await expect.poll(() => c.messages().length).toBe(3);
    const last = <T extends ServerToVisitor['type']>(type: T) =>
      c.got.filter((m): m is Extract<ServerToVisitor, { type: T }> => m.type === type).at(-1);

    c.v.send({ type: 'chat.transcript', email: 'not an address' });
    await expect
      .poll(() => last('transcript.result'))
      .toEqual({ type: 'transcript.result', ok: false, reason: 'invalid_email' });
    c.v.send({ type: 'chat.transcript', email: 'Me@Home.test' });
    await expect.poll(() => c.got.filter((m) => m.type === 'transcript.result').length).toBe(2);
    expect(last('transcript.result')).toEqual({ type: 'transcript.result', ok: true });
    await expect.poll(async () => (await mailsTo('me@home.test')).length, { timeout: 10_000 }).toBe(1);
    const [mail] = await mailsTo('me@home.test');
    // The widget spoke Chinese: the mail does; times are on the site's clock (UTC here).
    expect(mail!.subject).toBe('您的聊天记录');
    const text = mail!.text ?? '';
    const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);
    const [q, a, f] = c.messages();
    expect(text).toContain(`${hhmm(q!.at)}] 您: Can I send you a screenshot?`);
    expect(text).toContain(`${hhmm(a!.at)}] Agent: Sure, send it here.`);
    expect(text).toContain(`] 您: [文件: shot.png, 1 KB]`);
    expect(f!.file?.name).toBe('shot.png');
    expect(mail!.html).toContain('Sure, send it here.');
    expect(text).toContain('时间均为 UTC');

    // Asked again: the same mail, not a second one.
    c.v.send({ type: 'chat.transcript', email: 'me@home.test' });
    await expect.poll(() => c.got.filter((m) => m.type === 'transcript.result').length).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    expect((await mailsTo('me@home.test')).length).toBe(1);

    // The console sends it to the address the pre-chat form gave.
    send(c.agent.ws, { type: 'chat.transcript', chatId: c.chatId });
    await expect
      .poll(() => c.agent.events.find((e) => e.type === 'transcript.result'))
      .toEqual({ type: 'transcript.result', chatId: c.chatId, ok: true });
    await expect.poll(async () => (await mailsTo('li.na@customer.test')).length, { timeout: 10_000 }).toBe(1);
    const [agentMail] = await mailsTo('li.na@customer.test');
    expect(agentMail!.text).toContain('Sure, send it here.');
    c.v.ws.close();
    c.agent.ws.close();
  });
});
