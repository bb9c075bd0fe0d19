import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createTransport } from 'nodemailer';
import type { ChatMessage, ChatSummary, ServerToAgent } from '../contract/channels.ts';
import { agentSocket, startLiveHarness, type LiveHarness } from '../testing/realtime-harness.ts';
import { relaySettings, startDovecot, startSmtpRelay, type Dovecot, type SmtpRelay } from '../testing/mail-servers.ts';
import { saveGroup, setChannelRoute } from '../chat/group-store.ts';
import { saveSiteMail, saveSmtp } from './mail-settings-store.ts';

// Email conversations follow the site's email route to a group, and a manager's whisper in
// one never leaves the console: the customer's real mailbox gets the agent's reply only.
const SITE = 'mail-teams';
const SUPPORT = 'desk@teams.test';
const CAROL = 'carol@customer.test';
const USERS = { [SUPPORT]: 'desk-pw', [CAROL]: 'carol-pw' };
const WHISPER = 'Internal: stock arrives Friday, do not promise Thursday';

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
    { mail: { pollMs: 0, maxMessageBytes: 300_000, maxAttachmentBytes: 40_000, retryBaseMs: 50 } },
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
    notify: [],
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await relay?.close();
  await dovecot?.close();
});

const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));
const chats = (events: ServerToAgent[]) =>
  events.flatMap((e): ChatSummary[] =>
    e.type === 'chat.upsert' ? [e.chat] : e.type === 'chat.snapshot' ? e.chats : [],
  );
const messages = (events: ServerToAgent[]) =>
  events.flatMap((e): ChatMessage[] => (e.type === 'chat.message' ? [e.message] : []));

it("routes a customer's mail to the site's email group, and a whisper in it is never mailed", async () => {
  const desk = await saveGroup(h.ch, { siteId: SITE, name: 'Mail desk', members: [h.userIds.agent] });
  await setChannelRoute(h.ch, { siteId: SITE, channel: 'email', groupId: desk.groupId });
  await new Promise((r) => setTimeout(r, 300));
  const agent = await agentSocket(h.base, h.tokens.agent, SITE);
  send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
  const boss = await agentSocket(h.base, h.tokens.admin, SITE);

  const t = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true });
  await t.sendMail({ from: `Carol <${CAROL}>`, to: SUPPORT, subject: 'Delivery date', text: 'When will it arrive?' });
  t.close();
  const [opened] = await h.app.mail.poller.pollNow();
  const chatId = opened?.outcome.kind === 'opened' ? opened.outcome.chatId : '';
  await expect.poll(() => chats(agent.events).find((c) => c.chatId === chatId)?.agentId).toBe(h.userIds.agent);
  expect(chats(agent.events).find((c) => c.chatId === chatId)).toMatchObject({
    channel: 'email',
    groupId: desk.groupId,
  });

  send(boss.ws, { type: 'chat.whisper', chatId, messageId: 'mail-whisper-1', body: WHISPER });
  await expect.poll(() => messages(agent.events).find((m) => m.messageId === 'mail-whisper-1')?.staff).toBe('whisper');
  send(agent.ws, { type: 'chat.send', chatId, messageId: 'mail-reply-1', body: 'It arrives on Friday.' });
  await expect.poll(async () => (await dovecot.inbox(CAROL)).length, { timeout: 15_000 }).toBe(1);
  // The outbox sends in order: had the whisper been queued, it would be there by now too.
  await new Promise((r) => setTimeout(r, 1_000));
  const inbox = await dovecot.inbox(CAROL);
  expect(inbox.map((m) => m.text?.trim())).toEqual(['It arrives on Friday.']);
  expect(inbox.some((m) => (m.text ?? '').includes('stock arrives'))).toBe(false);
  agent.ws.close();
  boss.ws.close();
});
