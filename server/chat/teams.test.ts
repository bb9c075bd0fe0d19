import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp } from '../app.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import type { ChatMessage, ChatSummary, ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import { getChatTranscript } from '../queries/chat-transcript.ts';
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
import { saveGroup, setChannelRoute } from './group-store.ts';
import { saveInviteRule } from './rule-store.ts';

// Teams over real sockets: routing to a group, queueing for it, transfers with a note,
// a manager's join and whisper. What the visitor is sent is checked on the raw frames.
const SITE = 'teams-site';
let h: LiveHarness;
type Name = 'Sam' | 'Sue' | 'Pat' | 'Max';
const users = {} as Record<Name, { id: string; token: string }>;
let sales = '';
let support = '';

beforeAll(async () => {
  h = await startLiveHarness([SITE], { heartbeatTimeoutMs: 10_000, graceMs: 500, eventTtlMs: 10_000, tickMs: 50 });
  for (const [name, role] of [
    ['Sam', 'agent'],
    ['Sue', 'agent'],
    ['Pat', 'agent'],
    ['Max', 'manager'],
  ] as const) {
    const user = await saveUser(h.ch, {
      email: `${name.toLowerCase()}@teams.example`,
      name,
      role,
      siteIds: [SITE],
      password: `${name}-password-1`,
    });
    users[name] = { id: user.id, token: (await createSession(h.ch, user.id)).token };
  }
  sales = (await saveGroup(h.ch, { siteId: SITE, name: 'Sales', members: [users.Sam.id] })).groupId;
  support = (await saveGroup(h.ch, { siteId: SITE, name: '售后', members: [users.Sue.id, users.Pat.id] })).groupId;
});
afterAll(async () => {
  await h.close();
});

const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));
/** Saves reach routing over the bus; its reload is one small read. */
const settle = () => new Promise((r) => setTimeout(r, 300));

async function agent(name: Name, maxChats: number, status: 'online' | 'away' = 'online') {
  const a = await agentSocket(h.base, users[name].token, SITE);
  send(a.ws, { type: 'agent.status', status, maxChats, takesChats: true });
  await expect
    .poll(() =>
      a.events.some(
        (e) => e.type === 'agent.list' && e.agents.some((p) => p.userId === users[name].id && p.status === status),
      ),
    )
    .toBe(true);
  const chat = (chatId: string): ChatSummary | undefined =>
    a.events
      .flatMap((e) => (e.type === 'chat.upsert' ? [e.chat] : e.type === 'chat.snapshot' ? e.chats : []))
      .filter((c) => c.chatId === chatId)
      .at(-1);
  const messages = (chatId: string): ChatMessage[] =>
    a.events
      .flatMap((e) => (e.type === 'chat.message' ? [e.message] : e.type === 'chat.snapshot' ? e.messages : []))
      .filter((m) => m.chatId === chatId);
  const errors = () =>
    a.events.filter((e): e is Extract<ServerToAgent, { type: 'chat.error' }> => e.type === 'chat.error');
  return { ...a, chat, messages, errors };
}

/** A visitor who asks for a chat; `raw` holds every frame exactly as the server sent it. */
async function visitor(id: string) {
  const v = await visitorSocket(h.base);
  const raw: string[] = [];
  v.ws.on('message', (d: Buffer) => raw.push(d.toString()));
  const got = () => raw.map((r) => JSON.parse(r) as ServerToVisitor);
  v.send(hello(SITE, id));
  await expect.poll(() => got().some((m) => m.type === 'welcome')).toBe(true);
  v.send({ type: 'chat.request', name: id, question: `Hello from ${id}` });
  await expect.poll(() => got().some((m) => m.type === 'chat.state' && m.chat)).toBe(true);
  const state = () =>
    got()
      .flatMap((m) => (m.type === 'chat.state' && m.chat ? [m.chat] : []))
      .at(-1)!;
  const lines = () => got().flatMap((m) => (m.type === 'chat.message' ? [m.message] : []));
  return { ...v, raw, state, lines };
}

async function events(chatId: string) {
  await new Promise((r) => setTimeout(r, 100));
  const rs = await h.ch.query({
    query: `SELECT type, agent_id, props FROM ${TABLES.events} WHERE chat_id = {chatId:String} ORDER BY ts, type`,
    query_params: { chatId },
    format: 'JSONEachRow',
  });
  return rs.json<{ type: string; agent_id: string; props: Record<string, string> }>();
}

let sam: Awaited<ReturnType<typeof agent>>;
let sue: Awaited<ReturnType<typeof agent>>;
let v1: Awaited<ReturnType<typeof visitor>>;
let v2: Awaited<ReturnType<typeof visitor>>;

it('routes a channel to its group: web to 售后 goes to its member, then to Sales goes to Sam', async () => {
  sam = await agent('Sam', 5);
  sue = await agent('Sue', 1);
  await setChannelRoute(h.ch, { siteId: SITE, channel: 'web', groupId: support });
  await settle();
  v1 = await visitor('teams-v1');
  const c1 = v1.state().chatId;
  await expect.poll(() => sue.chat(c1)?.agentId).toBe(users.Sue.id);
  expect(sue.chat(c1)?.groupId).toBe(support);

  await setChannelRoute(h.ch, { siteId: SITE, channel: 'web', groupId: sales });
  await settle();
  v2 = await visitor('teams-v2');
  await expect.poll(() => sam.chat(v2.state().chatId)?.agentId).toBe(users.Sam.id);
});

it('queues a chat for its group while the group is full, though others are free, and gives it to the next member', async () => {
  await setChannelRoute(h.ch, { siteId: SITE, channel: 'web', groupId: support });
  await settle();
  // Sue (max 1) holds v1; Sam has free slots but is not of 售后.
  const v3 = await visitor('teams-v3');
  const c3 = v3.state().chatId;
  await expect.poll(() => sam.chat(c3)?.status).toBe('queued');
  expect(sam.chat(c3)?.groupId).toBe(support);
  expect(v3.state()).toMatchObject({ status: 'queued', queuePosition: 1 });
  const pat = await agent('Pat', 2);
  await expect.poll(() => pat.chat(c3)?.agentId).toBe(users.Pat.id);
  send(pat.ws, { type: 'chat.close', chatId: c3 });
  await expect.poll(() => pat.chat(c3)?.status).toBe('closed');
  // A closed tab stays online for a grace period: away takes Pat out of routing now.
  send(pat.ws, { type: 'agent.status', status: 'away' });
  await expect
    .poll(() =>
      sam.events.some((e) => e.type === 'agent.list' && e.agents.some((p) => p.name === 'Pat' && p.status === 'away')),
    )
    .toBe(true);
  pat.ws.close();
});

it('transfers to a person with a note the agent sees and the visitor never receives', async () => {
  const c1 = v1.state().chatId;
  const note = 'VIP asking for a bulk quote, be quick';
  send(sue.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'agent', userId: users.Sam.id }, note });
  await expect.poll(() => sam.chat(c1)?.agentId).toBe(users.Sam.id);
  await expect.poll(() => sam.messages(c1).find((m) => m.sender === 'staff')?.body).toBe(note);
  expect(sam.messages(c1).find((m) => m.sender === 'staff')).toMatchObject({ staff: 'note', agentName: 'Sue' });
  await expect.poll(() => v1.lines().map((m) => m.body)).toContain('transferred:Sam');
  expect(v1.state().agentName).toBe('Sam');
  expect(v1.raw.some((r) => r.includes('bulk quote'))).toBe(false);
  const stored = await events(c1);
  expect(
    stored
      .filter((e) => e.type === 'chat_transferred')
      .map((e) => [e.agent_id, e.props['to'], e.props['from_agent_id'], e.props['group_id']]),
  ).toEqual([[users.Sam.id, 'agent', users.Sue.id, support]]);
  // The store keeps the note for staff only: the API's reading of the transcript leaves it out.
  expect((await getChatTranscript(h.ch, SITE, c1)).some((m) => m.body === note)).toBe(false);
  expect((await getChatTranscript(h.ch, SITE, c1, true)).find((m) => m.body === note)).toMatchObject({
    sender: 'staff',
    staff: { kind: 'note', name: 'Sue' },
  });
});

it('transfers to a group with nobody free: the chat queues for that group until a member is free', async () => {
  const c2 = v2.state().chatId;
  // Sue has a free slot again (v1 went to Sam): away takes her out; Pat is away.
  send(sue.ws, { type: 'agent.status', status: 'away' });
  await expect
    .poll(() =>
      sam.events.some((e) => e.type === 'agent.list' && e.agents.some((p) => p.name === 'Sue' && p.status === 'away')),
    )
    .toBe(true);
  send(sam.ws, { type: 'chat.transfer', chatId: c2, to: { kind: 'group', groupId: support } });
  await expect.poll(() => sam.chat(c2)?.status).toBe('queued');
  expect(sam.chat(c2)).toMatchObject({ groupId: support, agentId: '' });
  await expect.poll(() => v2.state().status).toBe('queued');
  send(sue.ws, { type: 'agent.status', status: 'online' });
  await expect.poll(() => sam.chat(c2)?.agentId).toBe(users.Sue.id);
  await expect.poll(() => v2.lines().map((m) => m.body)).toContain('transferred:Sue');
  const stored = await events(c2);
  expect(stored.filter((e) => e.type === 'chat_transferred').map((e) => [e.agent_id, e.props['group_id']])).toEqual([
    ['', support],
  ]);
  expect(stored.filter((e) => e.type === 'chat_assigned').map((e) => e.agent_id)).toEqual([users.Sue.id]);
  expect(stored.filter((e) => e.type === 'chat_started')).toHaveLength(1);
});

it("lets a manager join (the visitor sees it) and whisper (never on the visitor's socket)", async () => {
  const c1 = v1.state().chatId;
  const max = await agent('Max', 1, 'away');
  send(max.ws, { type: 'chat.join', chatId: c1 });
  await expect.poll(() => v1.lines().map((m) => m.body)).toContain('joined:Max');
  const whisper = 'Offer the 10 percent code';
  send(max.ws, { type: 'chat.whisper', chatId: c1, messageId: 'whisper-0001', body: whisper });
  await expect.poll(() => sam.messages(c1).find((m) => m.messageId === 'whisper-0001')?.staff).toBe('whisper');
  // A later visible message proves the visitor's socket was delivering all along.
  send(sam.ws, { type: 'chat.send', chatId: c1, messageId: 'after-whisper-01', body: 'Here is 10% off' });
  await expect.poll(() => v1.lines().map((m) => m.messageId)).toContain('after-whisper-01');
  expect(v1.raw.some((r) => r.includes(whisper) || r.includes('whisper-0001'))).toBe(false);
  // A page that resumes the chat is not replayed the whisper either.
  const again = await visitorSocket(h.base);
  const raw: string[] = [];
  again.ws.on('message', (d: Buffer) => raw.push(d.toString()));
  again.send(hello(SITE, 'teams-v1'));
  const token = v1.raw.map((r) => JSON.parse(r) as ServerToVisitor).find((m) => m.type === 'chat.state' && m.token);
  again.send({ type: 'chat.sync', afterSeq: 0, chatToken: token?.type === 'chat.state' ? token.token : '' });
  await expect.poll(() => raw.some((r) => r.includes('after-whisper-01'))).toBe(true);
  expect(raw.some((r) => r.includes(whisper))).toBe(false);
  expect((await events(c1)).filter((e) => e.type === 'chat_joined').map((e) => e.agent_id)).toEqual([users.Max.id]);
  max.ws.close();
  again.ws.close();
});

it('refuses whispers by agents, transfers by others than the chat’s agent or to oneself, and targets of no group or site', async () => {
  const c1 = v1.state().chatId;
  send(sue.ws, { type: 'chat.whisper', chatId: c1, messageId: 'whisper-0002', body: 'psst' });
  send(sue.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'agent', userId: users.Sue.id } });
  send(sam.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'agent', userId: h.userIds.outsider } });
  send(sam.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'agent', userId: users.Sam.id } });
  const other = await saveGroup(h.ch, { siteId: 'other-site', name: 'Elsewhere', members: [] });
  await settle();
  send(sam.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'group', groupId: other.groupId } });
  await expect.poll(() => sue.errors().map((e) => e.reason)).toEqual(['not_allowed', 'not_allowed']);
  await expect
    .poll(() => sam.errors().map((e) => e.reason))
    .toEqual(['unknown_target', 'not_allowed', 'unknown_target']);
  expect(sam.chat(c1)).toMatchObject({ agentId: users.Sam.id, groupId: support });
  expect(sam.messages(c1).some((m) => m.messageId === 'whisper-0002')).toBe(false);
  // Members must serve chats on the site: the outsider (a marketer of another site) cannot join a group.
  await expect(saveGroup(h.ch, { siteId: SITE, name: 'Mixed', members: [h.userIds.outsider] })).rejects.toThrow(
    /does not serve chats/,
  );
});

it('a restart keeps a chat queued for its group, its transfers and its staff messages', async () => {
  const c1 = v1.state().chatId;
  const c2 = v2.state().chatId;
  // Sue is full (c2, max 1) and Pat away: c1 waits for 售后.
  send(sam.ws, { type: 'chat.transfer', chatId: c1, to: { kind: 'group', groupId: support } });
  await expect.poll(() => sam.chat(c1)?.status).toBe('queued');
  await new Promise((r) => setTimeout(r, 200));
  for (const s of [sam, sue, v1, v2]) s.ws.close();

  await h.app.close();
  h.app = await createApp({
    ch: h.ch,
    trustProxy: true,
    flushMs: 2,
    journalDir: tempDir('journal'),
    realtime: { heartbeatTimeoutMs: 10_000, graceMs: 500, eventTtlMs: 10_000, tickMs: 50 },
  });
  h.base = await listen(h.app.server);

  const pat = await agent('Pat', 2);
  await expect.poll(() => pat.chat(c1)?.agentId).toBe(users.Pat.id);
  expect(pat.chat(c1)?.groupId).toBe(support);
  expect(pat.chat(c2)).toMatchObject({ status: 'open', agentId: users.Sue.id, groupId: support });
  const restored = pat.messages(c1).filter((m) => m.sender === 'staff');
  expect(restored.map((m) => [m.staff, m.agentName, m.body])).toEqual([
    ['note', 'Sue', 'VIP asking for a bulk quote, be quick'],
    ['whisper', 'Max', 'Offer the 10 percent code'],
  ]);
  const stored = await events(c1);
  expect(stored.filter((e) => e.type === 'chat_started')).toHaveLength(1);
  expect(stored.filter((e) => e.type === 'chat_assigned').map((e) => e.agent_id)).toEqual([users.Pat.id]);
});

it('an invitation rule naming a group invites only while a member can chat, and routes the chat there', async () => {
  await saveInviteRule(h.ch, SITE, {
    name: 'Sales help',
    enabled: true,
    definition: {
      match: 'all',
      conditions: [{ kind: 'currentUrl', pattern: '/pricing' }],
      message: 'Need a quote?',
      agentId: '',
      groupId: sales,
      cap: { per: 'visit' },
    },
  });
  await pageview(h.base, SITE, 'teams-v4', '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send(hello(SITE, 'teams-v4', 'https://shop.example/pricing'));
  const invites = () => got.flatMap((m) => (m.type === 'invite' ? [m] : []));
  // Pat is online with a free slot, but not of Sales: no invitation.
  await new Promise((r) => setTimeout(r, 1500));
  expect(invites()).toEqual([]);
  const sam2 = await agent('Sam', 3);
  await expect.poll(() => invites().map((i) => i.agentName)).toEqual(['Sam']);
  v.send({ type: 'invite.accept', invitationId: invites()[0]!.invitationId });
  const chatId = () => got.flatMap((m) => (m.type === 'chat.state' && m.chat ? [m.chat.chatId] : [])).at(-1) ?? '';
  await expect.poll(() => sam2.chat(chatId())?.agentId).toBe(users.Sam.id);
  expect(sam2.chat(chatId())?.groupId).toBe(sales);
  v.ws.close();
});
