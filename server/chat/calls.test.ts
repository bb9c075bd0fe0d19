import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { z } from 'zod';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { CallSummary } from '../contract/calls.ts';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import { DEFAULT_SERVICE_SETTINGS } from '../contract/service-settings.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import { getAgentCalls } from '../queries/agent-calls.ts';
import { SITE_AND_TIME } from '../queries/fragments/report-scope.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';

// Web calls over the real hub: routing (the chat's agent, else the least busy free one; an
// agent on a call is busy), a missed call after the ring time, and signalling that refuses
// bad or foreign messages without touching another call. Real app, sockets and store.
const SITES = { route: 'calls-route', signal: 'calls-signal', missed: 'calls-missed', off: 'calls-off' };
const RING_MS = 1_500;
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(
    Object.values(SITES),
    { agentIdleAwayMs: 0 },
    { calls: { iceServers: [], ringMs: RING_MS } },
  );
  for (const site of [SITES.route, SITES.signal, SITES.missed])
    await serviceSettings().save(h.ch, site, {
      ...DEFAULT_SERVICE_SETTINGS,
      calls: { enabled: true, ringSeconds: 30, record: false, retentionDays: 30 },
    });
});
afterAll(async () => {
  await h.close();
});

const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));

async function agent(token: string, site: string) {
  const a = await agentSocket(h.base, token, site);
  await expect.poll(() => a.events.some((e) => e.type === 'chat.snapshot')).toBe(true);
  send(a.ws, { type: 'agent.status', status: 'online', takesCalls: true });
  const calls = () =>
    a.events.filter((e): e is Extract<ServerToAgent, { type: 'call.upsert' }> => e.type === 'call.upsert');
  const lastCall = (visitorId: string): CallSummary | undefined =>
    calls()
      .map((e) => e.call)
      .filter((c) => c.visitorId === visitorId)
      .at(-1);
  const signals = () =>
    a.events.filter((e): e is Extract<ServerToAgent, { type: 'call.signal' }> => e.type === 'call.signal');
  return { ...a, lastCall, signals };
}

async function visitor(site: string, visitorId: string, ip = '81.2.69.142') {
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing', { ip });
  const v = await visitorSocket(h.base, { ip });
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send(hello(site, visitorId, 'https://shop.example/pricing'));
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const last = <T extends ServerToVisitor['type']>(type: T) =>
    got.filter((m): m is Extract<ServerToVisitor, { type: T }> => m.type === type).at(-1);
  return { ...v, got, last, call: () => last('call.state')?.call };
}

async function events(site: string, visitorId: string) {
  await h.app.writer.drain();
  return readRows(
    h.ch,
    {
      query: `SELECT type, agent_id AS agent, props['reason'] AS reason, toUInt64OrZero(props['duration_ms']) AS duration
              FROM ${TABLES.events}
              WHERE site_id = {s:String} AND visitor_id = {v:String} AND startsWith(type, 'call_')
              ORDER BY ts, type`,
      query_params: { s: site, v: visitorId },
    },
    z.object({ type: col.text, agent: col.text, reason: col.text, duration: col.int }),
  );
}

describe('web calls', () => {
  it('rings the chat agent first, else the least busy free agent; an agent on a call is busy; a decline with nobody left ends it', async () => {
    const site = SITES.route;
    const busy = await agent(h.tokens.agent, site);
    const boss = await agent(h.tokens.admin, site);
    await expect
      .poll(() => busy.events.some((e) => e.type === 'agent.list' && e.agents.filter((x) => x.takesCalls).length === 2))
      .toBe(true);
    // The agent (who takes chats) gets a chat, so is the busier one; the admin takes no chats.
    const chatting = await visitor(site, 'calls-route-chat');
    chatting.send({ type: 'chat.request', question: 'Hello?' });
    await expect.poll(() => chatting.last('chat.state')?.chat?.status).toBe('open');

    // A visitor without a chat: the least busy, the admin.
    const first = await visitor(site, 'calls-route-1');
    expect(first.last('welcome')?.calls).toBe(true);
    first.send({ type: 'call.request' });
    await expect.poll(() => boss.lastCall('calls-route-1')?.agentId).toBe(h.userIds.admin);
    const callId = boss.lastCall('calls-route-1')!.callId;
    send(boss.ws, { type: 'call.answer', callId });
    await expect.poll(() => first.call()?.status).toBe('active');

    // The chat's own visitor calls: their agent, although busier.
    chatting.send({ type: 'call.request' });
    await expect.poll(() => busy.lastCall('calls-route-chat')?.agentId).toBe(h.userIds.agent);
    send(busy.ws, { type: 'call.decline', callId: busy.lastCall('calls-route-chat')!.callId });
    // The admin is on a call: nobody else to ring, so the call ends declined.
    await expect.poll(() => chatting.call()).toMatchObject({ status: 'ended', endReason: 'declined' });
    expect(boss.lastCall('calls-route-1')?.status).toBe('active');

    // The admin still talks; the agent, free again after declining, takes the next call.
    const third = await visitor(site, 'calls-route-3');
    third.send({ type: 'call.request' });
    await expect.poll(() => busy.lastCall('calls-route-3')?.agentId).toBe(h.userIds.agent);
    send(busy.ws, { type: 'call.answer', callId: busy.lastCall('calls-route-3')!.callId });
    await expect.poll(() => third.call()?.status).toBe('active');
    // Nobody is free now: the widgets stop offering calls.
    await expect.poll(() => chatting.last('availability')?.calls).toBe(false);
    send(boss.ws, { type: 'call.hangup', callId });
    await expect.poll(() => first.call()).toMatchObject({ status: 'ended', endReason: 'hangup' });
    await expect.poll(() => chatting.last('availability')?.calls).toBe(true);

    const rows = await events(site, 'calls-route-1');
    expect(rows.map((r) => r.type)).toEqual(['call_requested', 'call_answered', 'call_ended']);
    const ended = rows.at(-1)!;
    expect(ended.agent).toBe(h.userIds.admin);
    const s = first.call()!;
    expect(ended.duration).toBe(s.endedAt - s.answeredAt);
    const declined = await events(site, 'calls-route-chat');
    expect(declined.map((r) => [r.type, r.reason])).toEqual([
      ['call_requested', ''],
      ['call_missed', 'declined'],
    ]);

    // The agents report: answered calls, talk time as the two sides saw it, and the decline as missed.
    send(busy.ws, { type: 'call.hangup', callId: busy.lastCall('calls-route-3')!.callId });
    await expect.poll(() => third.call()?.status).toBe('ended');
    await h.app.writer.drain();
    const t = third.call()!;
    const scope = {
      where: SITE_AND_TIME,
      whereForKeys: SITE_AND_TIME,
      params: { siteId: site, from: 0, to: Date.now() + 60_000 },
      columnFilters: '1',
      sessionFiltered: false,
      sessionKeyFilters: '1',
    };
    const report = await getAgentCalls(h.ch, scope);
    expect(report.sort((a, b) => a.agentId.localeCompare(b.agentId))).toEqual(
      [
        { agentId: h.userIds.admin, calls: 1, talkMs: s.endedAt - s.answeredAt, missed: 0 },
        { agentId: h.userIds.agent, calls: 1, talkMs: t.endedAt - t.answeredAt, missed: 1 },
      ].sort((a, b) => a.agentId.localeCompare(b.agentId)),
    );
    for (const ws of [busy.ws, boss.ws, chatting.ws, first.ws, third.ws]) ws.close();
  });

  it('relays signals between the two peers only; bad, foreign and flooding messages are refused and the call goes on', async () => {
    const site = SITES.signal;
    const a = await agent(h.tokens.agent, site);
    await expect
      .poll(() => a.events.some((e) => e.type === 'agent.list' && e.agents.some((x) => x.takesCalls)))
      .toBe(true);
    const v = await visitor(site, 'calls-signal-1', '81.2.69.10');
    v.send({ type: 'call.request' });
    await expect.poll(() => a.lastCall('calls-signal-1')?.status).toBe('ringing');
    const callId = a.lastCall('calls-signal-1')!.callId;
    send(a.ws, { type: 'call.answer', callId });
    await expect.poll(() => v.call()?.status).toBe('active');

    v.send({ type: 'call.signal', callId, signal: { kind: 'offer', sdp: 'v=0 offer' } });
    await expect.poll(() => a.signals().at(-1)?.signal).toEqual({ kind: 'offer', sdp: 'v=0 offer' });
    send(a.ws, { type: 'call.signal', callId, signal: { kind: 'answer', sdp: 'v=0 answer' } });
    await expect.poll(() => v.last('call.signal')?.signal).toEqual({ kind: 'answer', sdp: 'v=0 answer' });

    // Another visitor names this call: refused, nothing reaches the agent.
    const intruder = await visitor(site, 'calls-signal-2', '81.2.69.11');
    const before = a.signals().length;
    intruder.send({ type: 'call.signal', callId, signal: { kind: 'offer', sdp: 'evil' } });
    await expect.poll(() => intruder.last('call.error')?.reason).toBe('no_call');
    intruder.send({ type: 'call.hangup', callId });
    await expect.poll(() => intruder.got.filter((m) => m.type === 'call.error').length).toBe(2);

    // A flood of candidates (within the socket's own limit): past the visitor's signal budget
    // (a burst of 12, then 2 a second) they are refused, not relayed.
    const candidate = {
      kind: 'ice',
      candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    for (let i = 0; i < 15; i++) v.send({ type: 'call.signal', callId, signal: candidate });
    await expect.poll(() => v.last('call.error')?.reason).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const relayed = a.signals().length - before;
    // The offer took one of the 12 already.
    expect(relayed).toBeGreaterThanOrEqual(11);
    expect(relayed).toBeLessThan(15);

    // A malformed signal (an oversized description) closes the sender's socket as invalid…
    const bad = await visitor(site, 'calls-signal-3', '81.2.69.12');
    bad.send({ type: 'call.signal', callId, signal: { kind: 'offer', sdp: 'x'.repeat(12_001) } });
    expect(await bad.closing).toEqual({ code: 4400, reason: 'invalid_message' });
    const unknownKind = await visitor(site, 'calls-signal-4', '81.2.69.13');
    unknownKind.send({ type: 'call.signal', callId, signal: { kind: 'renegotiate', sdp: 'x' } });
    expect((await unknownKind.closing).code).toBe(4400);
    // …and the call between the two peers goes on.
    expect(a.lastCall('calls-signal-1')?.status).toBe('active');
    expect(v.call()?.status).toBe('active');
    send(a.ws, { type: 'call.signal', callId, signal: { kind: 'offer', sdp: 'v=0 restart' } });
    await expect.poll(() => v.last('call.signal')?.signal).toEqual({ kind: 'offer', sdp: 'v=0 restart' });

    // The visitor's page goes away: the call ends with that reason for the agent.
    v.ws.close();
    await expect.poll(() => a.lastCall('calls-signal-1')).toMatchObject({ status: 'ended', endReason: 'visitor_left' });
    for (const ws of [a.ws, intruder.ws]) ws.close();
  });

  it('a call nobody answers in the ring time is missed, and the callback the widget then sends makes a lead', async () => {
    const site = SITES.missed;
    const a = await agent(h.tokens.agent, site);
    await expect
      .poll(() => a.events.some((e) => e.type === 'agent.list' && e.agents.some((x) => x.takesCalls)))
      .toBe(true);
    const v = await visitor(site, 'calls-missed-1');
    v.send({ type: 'call.request' });
    await expect.poll(() => a.lastCall('calls-missed-1')?.status).toBe('ringing');
    await expect
      .poll(() => v.call(), { timeout: RING_MS + 3_000 })
      .toMatchObject({ status: 'ended', endReason: 'missed' });
    // The agent is free again once the ring ended.
    await expect.poll(() => v.last('availability')?.calls ?? v.last('welcome')?.calls).toBe(true);
    v.send({
      type: 'callback.request',
      name: 'Ann',
      phone: '+44 20 7946 0000',
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await expect.poll(() => v.last('offline.ok')?.kind).toBe('callback');
    const rows = await events(site, 'calls-missed-1');
    expect(rows.map((r) => [r.type, r.reason, r.agent])).toEqual([
      ['call_requested', '', ''],
      ['call_missed', 'no_answer', h.userIds.agent],
    ]);
    await expect
      .poll(async () => {
        const [row] = await readRows(
          h.ch,
          {
            query: `SELECT count() AS n FROM ${TABLES.leads} FINAL WHERE site_id = {s:String} AND visitor_id = {v:String} AND source = 'callback'`,
            query_params: { s: site, v: 'calls-missed-1' },
          },
          z.object({ n: col.int }),
        );
        return row?.n;
      })
      .toBe(1);
    a.ws.close();
    v.ws.close();
  });

  it('a site with calls off (the default) offers none and ends a request as unavailable', async () => {
    const site = SITES.off;
    const a = await agent(h.tokens.agent, site);
    await expect
      .poll(() => a.events.some((e) => e.type === 'agent.list' && e.agents.some((x) => x.takesCalls)))
      .toBe(true);
    const v = await visitor(site, 'calls-off-1');
    expect(v.last('welcome')?.calls).toBe(false);
    v.send({ type: 'call.request' });
    await expect.poll(() => v.call()).toMatchObject({ status: 'ended', endReason: 'unavailable' });
    expect(
      a.events.some(
        (e) => e.type === 'call.upsert' && e.call.visitorId === 'calls-off-1' && e.call.status === 'ringing',
      ),
    ).toBe(false);
    a.ws.close();
    v.ws.close();
  });
});
