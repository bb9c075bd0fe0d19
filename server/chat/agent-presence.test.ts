import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createApp } from '../app.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import {
  agentSocket,
  hello,
  pageview,
  seen,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';

// Agent presence that sticks: stored per user, "I take chats", a grace period for reloads,
// idle-away. Real app, real sockets, the embedded store; timings shortened as settings.
const SITES = { away: 'presence-away', manager: 'presence-manager', grace: 'presence-grace', idle: 'presence-idle' };
const GRACE_MS = 700;
const REALTIME = {
  heartbeatTimeoutMs: 5_000,
  graceMs: 500,
  eventTtlMs: 5_000,
  tickMs: 50,
  pingMs: 1_000,
  agentOfflineGraceMs: GRACE_MS,
  agentIdleAwayMs: 0,
  agentIdleCheckMs: 50,
};
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), REALTIME);
});
afterAll(async () => {
  await h.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));
const closed = (ws: WebSocket) =>
  new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });

const me = (events: ServerToAgent[]) =>
  events.find((e): e is Extract<ServerToAgent, { type: 'chat.snapshot' }> => e.type === 'chat.snapshot')?.me;

async function visitor(site: string, visitorId: string) {
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send(hello(site, visitorId, 'https://shop.example/pricing'));
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const last = <T extends ServerToVisitor['type']>(type: T) =>
    got.filter((m): m is Extract<ServerToVisitor, { type: T }> => m.type === type).at(-1);
  return { ...v, got, last };
}

async function userToken(email: string, role: 'manager' | 'agent', site: string) {
  const user = await saveUser(h.ch, {
    email,
    name: email.split('@')[0]!,
    role,
    siteIds: [site],
    password: 'long-enough-password',
  });
  return { id: user.id, token: (await createSession(h.ch, user.id)).token };
}

describe('agent presence', () => {
  it('"Away" is stored: every tab shows it, and after the last tab closes a new socket is still away and not offered chats', async () => {
    const site = SITES.away;
    const first = await agentSocket(h.base, h.tokens.agent, site);
    const second = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => me(first.events)).toMatchObject({ status: 'online', takesChats: true });
    send(first.ws, { type: 'agent.status', status: 'away' });
    // Pushed to the other tab too.
    await expect.poll(() => seen(second.events, h.userIds.agent)?.status).toBe('away');
    // An admin watches the team (and takes no chats by default).
    const watcher = await agentSocket(h.base, h.tokens.admin, site);
    await closed(first.ws);
    await closed(second.ws);
    await expect.poll(() => seen(watcher.events, h.userIds.agent)?.status, { timeout: 5_000 }).toBe('offline');

    const again = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => me(again.events)?.status).toBe('away');
    const v = await visitor(site, 'visitor-away-1');
    expect(v.last('welcome')?.agentsOnline).toBe(false);
    v.send({ type: 'chat.request', question: 'Anyone?' });
    await expect.poll(() => v.last('chat.error')?.reason).toBe('offline');
    send(again.ws, { type: 'agent.status', status: 'online' });
    await expect.poll(() => v.last('availability')?.agentsOnline).toBe(true);
    again.ws.close();
    watcher.ws.close();
    v.ws.close();
  });

  it('a manager with "I take chats" off is never assigned a chat while online; switched on, it is stored', async () => {
    const site = SITES.manager;
    const manager = await userToken('mona@example.com', 'manager', site);
    const m = await agentSocket(h.base, manager.token, site);
    await expect.poll(() => me(m.events)).toMatchObject({ status: 'online', takesChats: false });
    const v1 = await visitor(site, 'visitor-manager-1');
    expect(v1.last('welcome')?.agentsOnline).toBe(false);
    v1.send({ type: 'chat.request', question: 'Hello?' });
    await expect.poll(() => v1.last('chat.error')?.reason).toBe('offline');

    // With an agent online the chat goes to the agent, however many slots the manager has.
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => v1.last('availability')?.agentsOnline).toBe(true);
    v1.send({ type: 'chat.request', question: 'Hello again?' });
    await expect.poll(() => v1.last('chat.state')?.chat).toMatchObject({ status: 'open', agentName: 'Agent' });
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 1 });
    await expect.poll(() => seen(m.events, h.userIds.agent)?.maxChats).toBe(1);
    const v2 = await visitor(site, 'visitor-manager-2');
    v2.send({ type: 'chat.request', question: 'Queue me' });
    await expect.poll(() => v2.last('chat.state')?.chat).toMatchObject({ status: 'queued', queuePosition: 1 });

    // "I take chats" on: the queued chat is theirs at once, and a new socket still takes chats.
    send(m.ws, { type: 'agent.status', status: 'online', takesChats: true });
    await expect.poll(() => v2.last('chat.state')?.chat).toMatchObject({ status: 'open', agentName: 'mona' });
    await closed(m.ws);
    await pause(GRACE_MS + 200);
    const back = await agentSocket(h.base, manager.token, site);
    await expect.poll(() => me(back.events)).toMatchObject({ takesChats: true });
    for (const ws of [back.ws, agent.ws, v1.ws, v2.ws]) ws.close();
  });

  it('a reload within the grace keeps the agent and their chats; after the grace they are offline and chats are not routed to them', async () => {
    const site = SITES.grace;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    // Chats at once is the user's, on every site: an earlier test left it at 1.
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 5 });
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.maxChats).toBe(5);
    const v1 = await visitor(site, 'visitor-grace-1');
    v1.send({ type: 'chat.request', question: 'First' });
    await expect.poll(() => v1.last('chat.state')?.chat).toMatchObject({ status: 'open', agentName: 'Agent' });

    // The reload: the old socket closes, a chat arrives before the new one opens.
    await closed(agent.ws);
    const v2 = await visitor(site, 'visitor-grace-2');
    expect(v2.last('welcome')?.agentsOnline).toBe(true);
    v2.send({ type: 'chat.request', question: 'During the reload' });
    await expect.poll(() => v2.last('chat.state')?.chat).toMatchObject({ status: 'open', agentName: 'Agent' });
    const reloaded = await agentSocket(h.base, h.tokens.agent, site);
    const snapshot = reloaded.events.find(
      (e): e is Extract<ServerToAgent, { type: 'chat.snapshot' }> => e.type === 'chat.snapshot',
    );
    expect(snapshot?.me.status).toBe('online');
    expect(
      snapshot?.chats
        .filter((c) => c.status === 'open')
        .map((c) => c.visitorId)
        .sort(),
    ).toEqual(['visitor-grace-1', 'visitor-grace-2']);
    await pause(GRACE_MS + 200);
    // Visitors never saw the agent go: no availability change reached them.
    expect(v1.got.some((m) => m.type === 'availability' && !m.agentsOnline)).toBe(false);

    // The last tab closes for good: after the grace, offline; new chats are refused, not routed to them.
    await closed(reloaded.ws);
    await expect.poll(() => v1.last('availability')?.agentsOnline, { timeout: 5_000 }).toBe(false);
    const v3 = await visitor(site, 'visitor-grace-3');
    expect(v3.last('welcome')?.agentsOnline).toBe(false);
    v3.send({ type: 'chat.request', question: 'Anyone left?' });
    await expect.poll(() => v3.last('chat.error')?.reason).toBe('offline');
    for (const ws of [v1.ws, v2.ws, v3.ws]) ws.close();
  });

  it('an agent with no activity turns away after the idle time, and activity brings them back', async () => {
    await h.app.close();
    h.app = await createApp({
      ch: h.ch,
      trustProxy: true,
      flushMs: 2,
      journalDir: tempDir('journal'),
      realtime: { ...REALTIME, agentIdleAwayMs: 400 },
    });
    h.base = await listen(h.app.server);
    const site = SITES.idle;
    const v = await visitor(site, 'visitor-idle-1');
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    await expect.poll(() => v.last('availability')?.agentsOnline).toBe(true);
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.status, { timeout: 5_000 }).toBe('away');
    await expect.poll(() => v.last('availability')?.agentsOnline).toBe(false);
    send(agent.ws, { type: 'agent.active' });
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.status).toBe('online');
    // Idle-away is stored like a chosen status: a new socket after the grace still says away.
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.status, { timeout: 5_000 }).toBe('away');
    await closed(agent.ws);
    await pause(GRACE_MS + 200);
    const again = await agentSocket(h.base, h.tokens.agent, site);
    expect(me(again.events)?.status).toBe('away');
    again.ws.close();
    v.ws.close();
  });
});
