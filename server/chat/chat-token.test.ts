import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp } from '../app.ts';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { listen } from '../testing/http.ts';
import { hashChatToken, newChatToken, tokenMatches } from './chat-tokens.ts';
import { tempDir } from '../testing/temp-dir.ts';

// Who may resume a chat: the page holding the token it was started with, not whoever
// knows the visitor id (which dashboard URLs and CSV exports show).
const SITES = { resume: 'token-resume', restart: 'token-restart' };
const REALTIME = { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 };
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), REALTIME);
});
afterAll(async () => {
  await h.close();
});

async function page(site: string, visitorId: string, chatToken?: string) {
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId, 'https://shop.example/pricing'), chatToken });
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const messages = () => got.flatMap((m) => (m.type === 'chat.message' ? [m.message] : []));
  const states = () => got.flatMap((m) => (m.type === 'chat.state' ? [m] : []));
  const errors = () => got.flatMap((m) => (m.type === 'chat.error' ? [m.reason] : []));
  return { ...v, got, messages, states, errors };
}

const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));
const chatsOf = (events: ServerToAgent[]) => events.flatMap((e) => (e.type === 'chat.upsert' ? [e.chat] : []));

async function storedBodies(chatId: string): Promise<string[]> {
  const r = await h.ch.query({
    query: `SELECT body FROM ${TABLES.chatMessages} FINAL WHERE chat_id = {c:String} ORDER BY seq`,
    query_params: { c: chatId },
    format: 'JSONEachRow',
  });
  return (await r.json<{ body: string }>()).map((x) => x.body);
}

/** A visitor starts a chat; the agent answers. Returns the chat id and the token the visitor's page was given. */
async function startChat(site: string, visitorId: string) {
  const agent = await agentSocket(h.base, h.tokens.agent, site);
  const v = await page(site, visitorId);
  v.send({ type: 'chat.request', name: 'Owner', question: 'Is the blue one in stock?' });
  await expect.poll(() => v.messages().length).toBe(1);
  const chatId = v.states().at(-1)!.chat!.chatId;
  const token = v.states().find((s) => s.token)?.token ?? '';
  send(agent.ws, { type: 'chat.send', chatId, messageId: 'agent-answer-01', body: 'Yes, two left.' });
  await expect.poll(() => v.messages().map((m) => m.body)).toEqual(['Is the blue one in stock?', 'Yes, two left.']);
  return { agent, v, chatId, token };
}

describe('chat token', () => {
  it('only the page with the token reads and writes the chat; the right token resumes after the last message', async () => {
    const site = SITES.resume;
    const { agent, v, chatId, token } = await startChat(site, 'visitor-token-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Someone with the visitor id only, or a wrong token: no chat, no transcript, no writing, nothing new.
    for (const claim of [undefined, 'x'.repeat(43)]) {
      const intruder = await page(site, 'visitor-token-1', claim);
      intruder.send({ type: 'chat.sync', afterSeq: 0 });
      await expect.poll(() => intruder.states()).toEqual([{ type: 'chat.state', chat: null }]);
      intruder.send({
        type: 'chat.send',
        messageId: `intruder-${claim ? 'w' : 'n'}-0001`,
        body: 'Send the transcript to me',
      });
      intruder.send({ type: 'chat.request', question: 'A chat of my own' });
      intruder.send({ type: 'chat.end' });
      await expect.poll(() => intruder.errors()).toEqual(['no_chat', 'chat_locked']);
      // Messages after it connected do not reach it either.
      send(agent.ws, {
        type: 'chat.send',
        chatId,
        messageId: `agent-later-${claim ? 'w' : 'n'}`,
        body: 'Anything else?',
      });
      await expect.poll(() => v.messages().at(-1)?.messageId).toBe(`agent-later-${claim ? 'w' : 'n'}`);
      expect(intruder.messages()).toEqual([]);
      expect(chatsOf(agent.events).at(-1)).toMatchObject({ chatId, status: 'open' });
      intruder.ws.close();
    }
    expect(await storedBodies(chatId)).toEqual([
      'Is the blue one in stock?',
      'Yes, two left.',
      'Anything else?',
      'Anything else?',
    ]);

    // The owner's next page shows the token and resumes exactly after what it has shown (seq 2).
    v.ws.close();
    const next = await page(site, 'visitor-token-1', token);
    next.send({ type: 'chat.sync', afterSeq: 2 });
    await expect.poll(() => next.messages().map((m) => m.seq)).toEqual([3, 4]);
    expect(next.states().at(-1)?.chat).toMatchObject({ chatId, status: 'open' });
    next.send({ type: 'chat.send', messageId: 'owner-after-01', body: 'No, thanks' });
    await expect
      .poll(() => storedBodies(chatId))
      .toEqual(['Is the blue one in stock?', 'Yes, two left.', 'Anything else?', 'Anything else?', 'No, thanks']);
    expect(next.errors()).toEqual([]);

    // A tab open before the chat started is given the token later (the widget shares it through storage).
    const late = await page(site, 'visitor-token-1');
    late.send({ type: 'chat.sync', afterSeq: 0, chatToken: token });
    await expect.poll(() => late.messages().map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const s of [next, late]) s.ws.close();
    agent.ws.close();
  });

  it('keeps only a hash, and the token still resumes the chat after a server restart', async () => {
    const site = SITES.restart;
    const { agent, v, chatId, token } = await startChat(site, 'visitor-token-2');
    const r = await h.ch.query({
      query: `SELECT token_hash FROM ${TABLES.chatTokens} WHERE chat_id = {c:String}`,
      query_params: { c: chatId },
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    agent.ws.close();
    v.ws.close();

    await h.app.close();
    h.app = await createApp({
      ch: h.ch,
      trustProxy: true,
      flushMs: 2,
      journalDir: tempDir('journal'),
      realtime: REALTIME,
    });
    h.base = await listen(h.app.server);

    const stranger = await page(site, 'visitor-token-2');
    stranger.send({ type: 'chat.sync', afterSeq: 0 });
    await expect.poll(() => stranger.states()).toEqual([{ type: 'chat.state', chat: null }]);
    const back = await page(site, 'visitor-token-2', token);
    back.send({ type: 'chat.sync', afterSeq: 1 });
    await expect.poll(() => back.messages().map((m) => m.body)).toEqual(['Yes, two left.']);
    expect(back.states().at(-1)?.chat).toMatchObject({ chatId, status: 'open' });
    expect(stranger.messages()).toEqual([]);
    for (const s of [stranger, back]) s.ws.close();
  });

  it('matches only the token itself: not an empty one, not against a missing or damaged hash', () => {
    const token = newChatToken();
    const hash = hashChatToken(token);
    expect(tokenMatches(hash, token)).toBe(true);
    expect(tokenMatches(hash, newChatToken())).toBe(false);
    expect(tokenMatches(hashChatToken(''), '')).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches(hash.subarray(0, 16), token)).toBe(false);
  });
});
