import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';

// What is refused reaches the screens as a code they translate, never as an English
// sentence. The codes are written out here, not taken from channels.ts, so a changed
// word on the wire fails this test.
const SITE = 'refusal-codes';
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness([SITE], {
    heartbeatTimeoutMs: 5_000,
    graceMs: 500,
    eventTtlMs: 5_000,
    tickMs: 50,
    pingMs: 1_000,
  });
});
afterAll(async () => {
  await h.close();
});

it('an agent is refused with codes: visitor_gone, already_chatting, chat_closed', async () => {
  const agent = await agentSocket(h.base, h.tokens.agent, SITE);
  const results = () =>
    agent.events.filter((e): e is Extract<ServerToAgent, { type: 'invite.result' }> => e.type === 'invite.result');
  const errors = () => agent.events.flatMap((e) => (e.type === 'chat.error' ? [e.reason] : []));

  agent.ws.send(JSON.stringify({ type: 'invite', visitorId: 'visitor-never-here', message: '' }));
  await expect
    .poll(() => results().at(-1))
    .toEqual({
      type: 'invite.result',
      visitorId: 'visitor-never-here',
      invitationId: '',
      ok: false,
      reason: 'visitor_gone',
    });

  await pageview(h.base, SITE, 'visitor-refused-1', '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send(hello(SITE, 'visitor-refused-1', 'https://shop.example/pricing'));
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  v.send({ type: 'chat.request', question: 'Do you ship to Hangzhou?' });
  const chatIdShown = () => got.flatMap((m) => (m.type === 'chat.state' && m.chat ? [m.chat.chatId] : [])).at(-1);
  await expect.poll(chatIdShown).toBeTruthy();
  const chatId = chatIdShown()!;

  agent.ws.send(JSON.stringify({ type: 'invite', visitorId: 'visitor-refused-1', message: '' }));
  await expect
    .poll(() => results().at(-1))
    .toEqual({
      type: 'invite.result',
      visitorId: 'visitor-refused-1',
      invitationId: '',
      ok: false,
      reason: 'already_chatting',
    });

  agent.ws.send(JSON.stringify({ type: 'chat.close', chatId }));
  await expect.poll(() => got.flatMap((m) => (m.type === 'chat.state' ? [m.chat?.status] : [])).at(-1)).toBe('closed');
  agent.ws.send(JSON.stringify({ type: 'chat.send', chatId, messageId: 'late-message-1', body: 'Still there?' }));
  await expect.poll(errors).toEqual(['chat_closed']);
  v.ws.close();
  agent.ws.close();
});

it('a socket is closed with a code for a reason', async () => {
  const v = await visitorSocket(h.base);
  v.send('not json');
  expect(await v.closing).toEqual({ code: 4400, reason: 'invalid_message' });
});
