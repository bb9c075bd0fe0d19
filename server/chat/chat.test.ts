import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp } from '../app.ts';
import { CLOSE, type ServerToAgent, type ServerToVisitor } from '../contract/channels.ts';
import { listen } from '../testing/http.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { zonedToInstant } from '../../tracker/widget/zoned-time.ts';

// Invitations and chat end to end: the real app, real sockets, the embedded store.
// Each test uses its own site, so their agents and visitors never meet.
const SITES = {
  offline: 'chat-offline',
  callback: 'chat-callback-shanghai',
  invite: 'chat-invite',
  queue: 'chat-queue',
  restart: 'chat-restart',
};
const REALTIME = { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 };
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), REALTIME);
});
afterAll(async () => {
  await h.close();
});

/** A visitor page (showing `chatToken`, as the widget does once it has one): its socket, everything it was sent, and a send helper. */
async function visitor(site: string, visitorId: string, base = h.base, chatToken?: string) {
  await pageview(base, site, visitorId, '/pricing', 'Pricing');
  // As an agent sees them on Live: with the page view stored (~200 ms of INGEST_FLUSH_MS), so
  // presence knows the visit's country that every chat event of theirs carries.
  await expect
    .poll(async () => {
      const r = await h.ch.query({
        query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND visitor_id = {v:String}`,
        query_params: { s: site, v: visitorId },
        format: 'JSONEachRow',
      });
      return Number((await r.json<{ n: number }>())[0]?.n);
    })
    .toBeGreaterThan(0);
  const v = await visitorSocket(base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId, 'https://shop.example/pricing'), chatToken });
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const last = <T extends ServerToVisitor['type']>(type: T) =>
    got.filter((m): m is Extract<ServerToVisitor, { type: T }> => m.type === type).at(-1);
  const messages = () => got.flatMap((m) => (m.type === 'chat.message' ? [m.message] : []));
  /** The token the chat was started with, sent once to this page. */
  const token = () => got.flatMap((m) => (m.type === 'chat.state' && m.token ? [m.token] : [])).at(-1);
  return { ...v, got, last, messages, token };
}

const agentGot = <T extends ServerToAgent['type']>(events: ServerToAgent[], type: T) =>
  events.filter((m): m is Extract<ServerToAgent, { type: T }> => m.type === type);
const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));

async function storedTypes(site: string): Promise<string[]> {
  // A chat request, its accepted invitation and its first message are one step (one
  // millisecond): ties keep the lifecycle's order.
  const r = await h.ch.query({
    query: `SELECT type FROM ${TABLES.events} WHERE site_id = {s:String} AND type NOT IN ('pageview')
            ORDER BY ts, indexOf(['invite_shown', 'invite_accepted', 'chat_requested', 'chat_started', 'chat_message', 'chat_ended', 'chat_rated'], type), type`,
    query_params: { s: site },
    format: 'JSONEachRow',
  });
  return (await r.json<{ type: string }>()).map((x) => x.type);
}

async function storedMessages(chatId: string): Promise<{ seq: number; message_id: string; body: string }[]> {
  const r = await h.ch.query({
    query: `SELECT seq, message_id, body FROM ${TABLES.chatMessages} FINAL WHERE chat_id = {c:String} ORDER BY seq`,
    query_params: { c: chatId },
    format: 'JSONEachRow',
  });
  return (await r.json<{ seq: string; message_id: string; body: string }>()).map((x) => ({ ...x, seq: Number(x.seq) }));
}

describe('chat', () => {
  it("tells the widget the site's time zone and stores a callback time picked in it as an instant", async () => {
    const v = await visitor(SITES.callback, 'visitor-callback-1');
    expect(v.last('welcome')?.timeZone).toBe('Asia/Shanghai');
    // What the widget sends for 2026-12-04 10:00 picked on a Shanghai (UTC+8) clock.
    const at = zonedToInstant('2026-12-04T10:00', 'Asia/Shanghai');
    expect(at).toBe('2026-12-04T02:00:00Z');
    v.send({ type: 'callback.request', name: 'Li Na', phone: '+86 139 0000 0000', at });
    await expect.poll(() => v.last('offline.ok')?.kind).toBe('callback');
    const leads = async () =>
      (
        await h.ch.query({
          query: `SELECT source, callback_at FROM ${TABLES.leads} FINAL WHERE site_id = {s:String}`,
          query_params: { s: SITES.callback },
          format: 'JSONEachRow',
        })
      ).json();
    await expect.poll(leads).toEqual([{ source: 'callback', callback_at: '2026-12-04T02:00:00Z' }]);
    v.ws.close();
    // Free text is no time: the socket is closed as for any malformed message.
    const w = await visitor(SITES.callback, 'visitor-callback-2');
    w.send({ type: 'callback.request', name: 'Li Na', phone: '+86 139 0000 0000', at: 'tomorrow 10:00' });
    expect((await w.closing).code).toBe(CLOSE.invalidMessage.code);
  });

  it('with no agent online, refuses a chat and takes an offline message and a callback request instead', async () => {
    const v = await visitor(SITES.offline, 'visitor-offline-1');
    expect(v.last('welcome')).toEqual({
      type: 'welcome',
      agentsOnline: false,
      robot: false,
      calls: false,
      timeZone: 'UTC',
    });
    v.send({ type: 'chat.request', question: 'Anyone there?' });
    await expect.poll(() => v.last('chat.error')?.reason).toBe('offline');
    v.send({
      type: 'offline.message',
      name: 'Wang Fang',
      email: 'wang@example.com',
      message: 'Please send me a quote',
    });
    v.send({ type: 'callback.request', name: 'Wang Fang', phone: '+86 138 0013 8000', at: '2026-12-04T10:00:00Z' });
    await expect
      .poll(() => v.got.filter((m) => m.type === 'offline.ok').map((m) => (m.type === 'offline.ok' ? m.kind : '')))
      .toEqual(['message', 'callback']);
    // The two forms are handled concurrently: their steps may interleave.
    await expect
      .poll(async () => (await storedTypes(SITES.offline)).sort())
      .toEqual(['callback_request', 'lead_created', 'lead_created', 'offline_message']);
    // Both became leads, with what the visitor wrote.
    const leads = await h.ch.query({
      query: `SELECT source, name, email, phone, message, callback_at FROM ${TABLES.leads} FINAL WHERE site_id = {s:String} ORDER BY source DESC`,
      query_params: { s: SITES.offline },
      format: 'JSONEachRow',
    });
    expect(await leads.json()).toEqual([
      {
        source: 'offline',
        name: 'Wang Fang',
        email: 'wang@example.com',
        phone: '',
        message: 'Please send me a quote',
        callback_at: '',
      },
      {
        source: 'callback',
        name: 'Wang Fang',
        email: '',
        phone: '+86 138 0013 8000',
        message: '',
        callback_at: '2026-12-04T10:00:00Z',
      },
    ]);
    v.ws.close();
  });

  it('an agent invites, the visitor accepts, both chat with typing and preview; a re-sent message is stored and shown once', async () => {
    const site = SITES.invite;
    const v = await visitor(site, 'visitor-invite-1');
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => v.last('availability')?.agentsOnline).toBe(true);

    send(agent.ws, { type: 'invite', visitorId: 'visitor-invite-1', message: 'Hi! Can I help with pricing?' });
    await expect.poll(() => v.last('invite')?.message).toBe('Hi! Can I help with pricing?');
    const invitationId = v.last('invite')!.invitationId;
    // The agent's result and the visitor's invitation travel on two sockets: either may land first.
    await expect.poll(() => agentGot(agent.events, 'invite.result').at(-1)).toMatchObject({ ok: true, invitationId });

    v.send({ type: 'invite.accept', invitationId });
    await expect.poll(() => v.last('chat.state')?.chat?.status).toBe('open');
    expect(v.last('chat.state')?.chat?.agentName).toBe('Agent');
    await expect
      .poll(() => v.messages().map((m) => [m.seq, m.sender, m.body]))
      .toEqual([[1, 'agent', 'Hi! Can I help with pricing?']]);
    const chatId = v.last('chat.state')!.chat!.chatId;
    await expect
      .poll(() => agentGot(agent.events, 'chat.upsert').at(-1)?.chat)
      .toMatchObject({ chatId, status: 'open', origin: 'invitation', invitationId, visitorId: 'visitor-invite-1' });

    v.send({ type: 'chat.typing', text: 'How much is the' });
    await expect
      .poll(() => agentGot(agent.events, 'chat.typing').at(-1))
      .toEqual({ type: 'chat.typing', chatId, text: 'How much is the' });
    send(agent.ws, { type: 'chat.typing', chatId, typing: true });
    await expect.poll(() => v.last('chat.typing')?.typing).toBe(true);

    const question = { type: 'chat.send', messageId: 'visitor-msg-0001', body: 'How much is the pro plan?' };
    v.send(question);
    v.send(question);
    // The agent answers once the question is there (two sockets race otherwise).
    await expect
      .poll(() => agentGot(agent.events, 'chat.message').some((m) => m.message.messageId === 'visitor-msg-0001'))
      .toBe(true);
    send(agent.ws, { type: 'chat.send', chatId, messageId: 'agent-msg-00001', body: '¥199 a month' });
    await expect
      .poll(() => storedMessages(chatId))
      .toEqual([
        { seq: 1, message_id: `i_${invitationId}`, body: 'Hi! Can I help with pricing?' },
        { seq: 2, message_id: 'visitor-msg-0001', body: 'How much is the pro plan?' },
        { seq: 3, message_id: 'agent-msg-00001', body: '¥199 a month' },
      ]);
    // The re-send is echoed (the sender may have missed the first echo) but keeps its seq.
    await expect
      .poll(() => [...new Map(v.messages().map((m) => [m.seq, m.body]))])
      .toEqual([
        [1, 'Hi! Can I help with pricing?'],
        [2, 'How much is the pro plan?'],
        [3, '¥199 a month'],
      ]);

    // A page change: a new socket resumes after the last seq it has shown.
    v.ws.close();
    const next = await visitor(site, 'visitor-invite-1', h.base, v.token());
    next.send({ type: 'chat.sync', afterSeq: 2 });
    await expect.poll(() => next.messages().map((m) => m.seq)).toEqual([3]);
    expect(next.last('chat.state')?.chat).toMatchObject({ chatId, status: 'open' });

    send(agent.ws, { type: 'chat.close', chatId });
    await expect.poll(() => next.last('chat.state')?.chat?.status).toBe('closed');
    next.send({ type: 'chat.rate', rating: 5 });
    await expect.poll(() => next.last('chat.state')?.chat?.rated).toBe(true);
    await expect
      .poll(() => storedTypes(site))
      .toEqual([
        'invite_shown',
        'invite_accepted',
        'chat_requested',
        'chat_started',
        'chat_message',
        'chat_message',
        'chat_message',
        'chat_ended',
        'chat_rated',
      ]);
    const r = await h.ch.query({
      query: `SELECT DISTINCT invitation_id, agent_id, country FROM ${TABLES.events} WHERE site_id = {s:String} AND chat_id = {c:String}`,
      query_params: { s: site, c: chatId },
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([{ invitation_id: invitationId, agent_id: h.userIds.agent, country: 'GB' }]);
    // The visitor's message (sent twice, stored once) became one hot-words row; the agent's lines none.
    await expect
      .poll(async () =>
        (
          await h.ch.query({
            query: `SELECT message_id, kind, country, terms FROM ${TABLES.visitorTerms} FINAL WHERE site_id = {s:String} AND chat_id = {c:String}`,
            query_params: { s: site, c: chatId },
            format: 'JSONEachRow',
          })
        ).json(),
      )
      .toEqual([{ message_id: 'visitor-msg-0001', kind: 'chat', country: 'GB', terms: ['pro', 'plan'] }]);
    next.ws.close();
    agent.ws.close();
  });

  it('queues a chat when every agent is full, shows the position, and routes it when a slot frees up', async () => {
    const site = SITES.queue;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 1 });
    await expect.poll(() => agentGot(agent.events, 'agent.list').at(-1)?.agents[0]?.maxChats).toBe(1);
    const first = await visitor(site, 'visitor-queue-1');
    const second = await visitor(site, 'visitor-queue-2');
    first.send({ type: 'chat.request', name: 'First', question: 'Hello' });
    await expect.poll(() => first.last('chat.state')?.chat?.status).toBe('open');
    second.send({ type: 'chat.request', name: 'Second' });
    await expect.poll(() => second.last('chat.state')?.chat).toMatchObject({ status: 'queued', queuePosition: 1 });
    first.send({ type: 'chat.end' });
    await expect
      .poll(() => second.last('chat.state')?.chat)
      .toMatchObject({ status: 'open', agentName: 'Agent', queuePosition: 0 });
    for (const s of [first, second]) s.ws.close();
    agent.ws.close();
  });

  it('a server restart in the middle of a chat loses and duplicates nothing', async () => {
    const site = SITES.restart;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    const v = await visitor(site, 'visitor-restart-1');
    v.send({ type: 'chat.request', email: 'li@example.com', question: 'Before the restart' });
    await expect.poll(() => v.messages().length).toBe(1);
    const chatId = v.last('chat.state')!.chat!.chatId;
    const token = v.token();
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

    const back = await agentSocket(h.base, h.tokens.agent, site);
    await expect
      .poll(() =>
        agentGot(back.events, 'chat.snapshot')
          .at(-1)
          ?.chats.map((c) => [c.chatId, c.status]),
      )
      .toEqual([[chatId, 'open']]);
    expect(agentGot(back.events, 'chat.snapshot').at(-1)?.chats[0]?.visitor.email).toBe('li@example.com');
    expect(
      agentGot(back.events, 'chat.snapshot')
        .at(-1)
        ?.messages.map((m) => m.body),
    ).toEqual(['Before the restart']);
    const again = await visitor(site, 'visitor-restart-1', h.base, token);
    again.send({ type: 'chat.sync', afterSeq: 0 });
    await expect.poll(() => again.last('chat.state')?.chat?.chatId).toBe(chatId);
    again.send({ type: 'chat.send', messageId: 'after-restart-1', body: 'After the restart' });
    await expect
      .poll(() => storedMessages(chatId))
      .toEqual([
        { seq: 1, message_id: `q_${chatId}`, body: 'Before the restart' },
        { seq: 2, message_id: 'after-restart-1', body: 'After the restart' },
      ]);
    await expect.poll(() => again.messages().map((m) => m.seq)).toEqual([1, 2]);
    // The pre-chat form's email made a lead, linked to the chat.
    const leads = await h.ch.query({
      query: `SELECT source, email, chat_id FROM ${TABLES.leads} FINAL WHERE site_id = {s:String}`,
      query_params: { s: site },
      format: 'JSONEachRow',
    });
    expect(await leads.json()).toEqual([{ source: 'prechat', email: 'li@example.com', chat_id: chatId }]);
    again.ws.close();
    back.ws.close();
  });
});
