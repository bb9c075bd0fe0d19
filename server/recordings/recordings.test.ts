import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TABLES } from '../../clickhouse/tables.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import { RECORDING_LIMITS, recordingPath, type CallSummary } from '../contract/calls.ts';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import { DEFAULT_SERVICE_SETTINGS } from '../contract/service-settings.ts';
import type { SessionUser } from '../contract/roles.ts';
import { erasePerson } from '../privacy/erase-person.ts';
import { appRouter } from '../trpc/root.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { recordingFiles } from './recording-files.ts';

// Call recordings over the real app: a recorded call answered over real sockets, its pieces
// uploaded over real HTTP into files under the data dir, played back with Range, swept
// after the site's retention and erased with the person. The WebM bytes are built here by
// hand (EBML as Chromium's MediaRecorder writes it: Segment of unknown size, Info without
// Duration), so what the server changed in them is checked byte by byte.
const SITE = 'rec-site';
const PLAIN = 'rec-plain';
const DAY = 86_400_000;
let h: LiveHarness;
let managerCookie = '';
let managerId = '';

beforeAll(async () => {
  h = await startLiveHarness([SITE, PLAIN], { agentIdleAwayMs: 0 }, { calls: { iceServers: [], ringMs: 30_000 } });
  const calls = { enabled: true, ringSeconds: 30, record: true, retentionDays: 7 };
  await serviceSettings().save(h.ch, SITE, { ...DEFAULT_SERVICE_SETTINGS, calls });
  await serviceSettings().save(h.ch, PLAIN, { ...DEFAULT_SERVICE_SETTINGS, calls: { ...calls, record: false } });
  const manager = await saveUser(h.ch, {
    email: 'manager@example.com',
    name: 'Manager',
    role: 'manager',
    siteIds: [SITE],
    password: 'manager-password',
  });
  managerCookie = `lt_session=${(await createSession(h.ch, manager.id)).token}`;
  managerId = manager.id;
});
afterAll(async () => {
  await h.close();
});

const cookie = (who: 'agent' | 'admin' | 'outsider') => `lt_session=${h.tokens[who]}`;
const send = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));

/**
 * The agent's socket once the hub shows them taking calls: the status is stored before routing
 * sees it, and a visitor who says hello before then is welcomed without calls (seen under load).
 */
async function agentTakingCalls(site: string) {
  const a = await agentSocket(h.base, h.tokens.agent, site);
  await expect.poll(() => a.events.some((e) => e.type === 'chat.snapshot')).toBe(true);
  send(a.ws, { type: 'agent.status', status: 'online', takesCalls: true });
  await expect
    .poll(() => a.events.some((e) => e.type === 'agent.list' && e.agents.some((x) => x.takesCalls)))
    .toBe(true);
  return a;
}

/** A call from `visitorId` answered by the agent: the agent's socket, the visitor's messages, the call. */
async function answeredCall(site: string, visitorId: string) {
  const a = await agentTakingCalls(site);
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send(hello(site, visitorId, 'https://shop.example/pricing'));
  await expect.poll(() => got.some((m) => m.type === 'welcome' && m.calls)).toBe(true);
  const visitorCall = () =>
    got.filter((m): m is Extract<ServerToVisitor, { type: 'call.state' }> => m.type === 'call.state').at(-1)?.call;
  v.send({ type: 'call.request' });
  // The notice: the visitor hears the call is recorded while it still rings.
  await expect.poll(() => visitorCall()?.status).toBe('ringing');
  const ringing = visitorCall() as CallSummary;
  const agentCall = () =>
    a.events
      .filter((e): e is Extract<ServerToAgent, { type: 'call.upsert' }> => e.type === 'call.upsert')
      .map((e) => e.call)
      .filter((c) => c.visitorId === visitorId)
      .at(-1);
  await expect.poll(() => agentCall()?.agentId).toBe(h.userIds.agent);
  send(a.ws, { type: 'call.answer', callId: ringing.callId });
  await expect.poll(() => visitorCall()?.status).toBe('active');
  return {
    a,
    v,
    ringing,
    callId: ringing.callId,
    hangUp: () => send(a.ws, { type: 'call.hangup', callId: ringing.callId }),
    visitorCall,
  };
}

// EBML pieces: id bytes, a size field of 8 bytes (or "unknown"), content.
const el = (id: number[], content: Buffer, unknown = false) => {
  const size = Buffer.alloc(8);
  if (unknown) size.fill(0xff);
  else size.writeBigUInt64BE(BigInt(content.length));
  size[0] = unknown ? 0x01 : size[0]! | 0x01;
  return Buffer.concat([Buffer.from(id), size, content]);
};
const HEADER = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], Buffer.from('webm')));
const INFO = el(
  [0x15, 0x49, 0xa9, 0x66],
  Buffer.concat([el([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])), el([0x4d, 0x80], Buffer.from('test'))]),
);
const CLUSTER = (n: number) => el([0x1f, 0x43, 0xb6, 0x75], Buffer.alloc(n, 7), true);
const webm = (clusterBytes: number) =>
  Buffer.concat([
    HEADER,
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    INFO,
    CLUSTER(clusterBytes),
  ]);

const url = (site: string, callId: string, rest = '') => `${h.base}${recordingPath(site, callId)}${rest}`;
const upload = (
  site: string,
  callId: string,
  offset: number,
  body: Buffer,
  who = cookie('agent'),
  headers: Record<string, string> = {},
) =>
  fetch(url(site, callId, `?offset=${offset}`), {
    method: 'POST',
    headers: { cookie: who, ...headers },
    body: new Uint8Array(body),
  });
const finish = (site: string, callId: string, durationMs: number, who = cookie('agent')) =>
  fetch(url(site, callId, `/end?durationMs=${durationMs}`), { method: 'POST', headers: { cookie: who } });
const rows = async (callId: string) =>
  (
    await (
      await h.ch.query({
        query: `SELECT bytes, duration_ms FROM ${TABLES.callRecordings} FINAL WHERE call_id = {c:String}`,
        query_params: { c: callId },
        format: 'JSONEachRow',
      })
    ).json<{ bytes: string | number; duration_ms: string | number }>()
  ).map((r) => [Number(r.bytes), Number(r.duration_ms)]);

describe('call recordings', () => {
  it('takes pieces only from the call’s agent, in order and within the limits, and plays them back with Range', async () => {
    const call = await answeredCall(SITE, 'rec-visitor-1');
    expect(call.ringing.recorded).toBe(true);
    const audio = webm(5000);
    const [first, second] = [audio.subarray(0, 3000), audio.subarray(3000)];

    expect((await upload(SITE, call.callId, 0, first, '')).status).toBe(401);
    // Not a site of theirs: as if it did not exist.
    expect((await upload(SITE, call.callId, 0, first, cookie('outsider'))).status).toBe(404);
    // A user of the site who is not the call's agent.
    const notTheirs = await upload(SITE, call.callId, 0, first, cookie('admin'));
    expect([notTheirs.status, await notTheirs.text()]).toEqual([403, 'not your call']);
    expect((await upload(SITE, 'c_nosuchcall123', 0, first)).status).toBe(404);
    expect((await upload(PLAIN, call.callId, 0, first)).status).toBe(404);
    expect(
      (await upload(SITE, call.callId, 0, first, cookie('agent'), { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const tooBig = await upload(SITE, call.callId, 0, Buffer.alloc(RECORDING_LIMITS.pieceBytes + 1));
    expect(tooBig.status).toBe(413);
    expect((await upload(SITE, call.callId, RECORDING_LIMITS.maxBytes - 10, first)).status).toBe(413);

    expect((await upload(SITE, call.callId, 0, first)).status).toBe(200);
    // A retry of a piece already stored changes nothing; a piece past the end is a gap.
    expect(await (await upload(SITE, call.callId, 0, first)).json()).toEqual({ bytes: first.length });
    expect((await upload(SITE, call.callId, first.length + 1, second)).status).toBe(409);
    // The first piece wrote the row: a crash from here keeps what arrived.
    expect(await rows(call.callId)).toEqual([[first.length, 0]]);
    await upload(SITE, call.callId, first.length, second);

    call.hangUp();
    await expect.poll(() => call.visitorCall()?.status).toBe('ended');
    const s = call.visitorCall() as CallSummary;
    // A duration longer than the call the server saw is cut to it (plus a moment).
    const ended = await finish(SITE, call.callId, 3_600_000);
    expect(ended.status).toBe(200);
    const { bytes, durationMs } = (await ended.json()) as { bytes: number; durationMs: number };
    expect(durationMs).toBe(s.endedAt - s.answeredAt + 10_000);
    expect(await rows(call.callId)).toEqual([[bytes, durationMs]]);

    // The file: the same bytes with Info grown by a Duration (id 4489, 8-byte float, in ms at the 1 ms scale).
    const file = readFileSync(recordingFiles().path(SITE, call.callId));
    expect(file.length).toBe(audio.length + 11);
    const at = file.indexOf(Buffer.from([0x44, 0x89, 0x88]));
    expect(file.readDoubleBE(at + 3)).toBe(durationMs);
    expect(file.subarray(file.length - CLUSTER(5000).length)).toEqual(CLUSTER(5000));
    const infoAt = file.indexOf(Buffer.from([0x15, 0x49, 0xa9, 0x66]));
    expect(Number(file.readBigUInt64BE(infoAt + 4) & 0x00ffffffffffffffn)).toBe(INFO.length - 12 + 11);

    // Playback: managers and admins, with Range; agents and marketers not.
    expect((await fetch(url(SITE, call.callId), { headers: { cookie: cookie('agent') } })).status).toBe(403);
    const whole = await fetch(url(SITE, call.callId), { headers: { cookie: managerCookie } });
    expect([whole.status, whole.headers.get('content-type'), whole.headers.get('accept-ranges')]).toEqual([
      200,
      'audio/webm',
      'bytes',
    ]);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(file);
    const part = await fetch(url(SITE, call.callId), { headers: { cookie: cookie('admin'), range: 'bytes=100-199' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 100-199/${file.length}`]);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(file.subarray(100, 200));
    const tail = await fetch(url(SITE, call.callId), { headers: { cookie: managerCookie, range: 'bytes=-50' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(file.subarray(file.length - 50));
    expect(
      (await fetch(url(SITE, call.callId), { headers: { cookie: managerCookie, range: `bytes=${file.length}-` } }))
        .status,
    ).toBe(416);
    call.v.ws.close();
    call.a.ws.close();
  });

  it('tells the visitor before an agent’s call to them connects too', async () => {
    const a = await agentTakingCalls(SITE);
    await pageview(h.base, SITE, 'rec-visitor-chat', '/pricing', 'Pricing');
    const v = await visitorSocket(h.base);
    const got: ServerToVisitor[] = [];
    v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
    v.send(hello(SITE, 'rec-visitor-chat', 'https://shop.example/pricing'));
    await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
    v.send({ type: 'chat.request', question: 'Call me?' });
    const chat = () => got.filter((m) => m.type === 'chat.state').at(-1);
    await expect.poll(() => (chat() as { chat?: { status: string } } | undefined)?.chat?.status).toBe('open');
    const chatId = (chat() as { chat: { chatId: string } }).chat.chatId;
    send(a.ws, { type: 'call.start', chatId });
    const ringing = () =>
      got.filter((m): m is Extract<ServerToVisitor, { type: 'call.state' }> => m.type === 'call.state').at(-1)?.call;
    await expect.poll(() => ringing()?.status).toBe('ringing');
    expect(ringing()).toMatchObject({ origin: 'agent', recorded: true, answeredAt: 0 });
    // The visitor answers; the agent's tab records; the chat's transcript lists it for managers only.
    const callId = ringing()!.callId;
    v.send({ type: 'call.request' });
    await expect.poll(() => ringing()?.status).toBe('active');
    expect((await upload(SITE, callId, 0, webm(300))).status).toBe(200);
    send(a.ws, { type: 'call.hangup', callId });
    await expect.poll(() => ringing()?.status).toBe('ended');
    expect((await finish(SITE, callId, 1000)).status).toBe(200);
    const as = (id: string, role: SessionUser['role']) =>
      appRouter.createCaller({
        ch: h.ch,
        user: { id, email: `${role}@example.com`, name: role, role, siteIds: [SITE] },
        token: 't',
        ip: '10.0.0.1',
        resHeaders: new Headers(),
      });
    expect(await as(managerId, 'manager').chatHistory.recordings({ siteId: SITE, chatId })).toEqual([
      {
        callId,
        createdAt: ringing()!.answeredAt,
        durationMs: 1000,
        bytes: webm(300).length + 11,
        src: recordingPath(SITE, callId),
      },
    ]);
    await expect(as(h.userIds.agent, 'agent').chatHistory.recordings({ siteId: SITE, chatId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    v.ws.close();
    a.ws.close();
  });

  it('refuses uploads for a call of a site that does not record', async () => {
    const call = await answeredCall(PLAIN, 'rec-plain-1');
    expect(call.ringing.recorded).toBe(false);
    const refused = await upload(PLAIN, call.callId, 0, webm(100));
    expect([refused.status, await refused.text()]).toEqual([409, 'this call is not recorded']);
    call.hangUp();
    call.v.ws.close();
    call.a.ws.close();
  });

  it('deletes recordings past the site’s retention, and an erased person’s', async () => {
    const kept = await answeredCall(SITE, 'rec-visitor-2');
    await upload(SITE, kept.callId, 0, webm(500));
    kept.hangUp();
    await expect.poll(() => kept.visitorCall()?.status).toBe('ended');
    const erased = await answeredCall(SITE, 'rec-visitor-3');
    await upload(SITE, erased.callId, 0, webm(500));
    erased.hangUp();
    await expect.poll(() => erased.visitorCall()?.status).toBe('ended');
    const path = (c: string) => recordingFiles().path(SITE, c);
    expect([existsSync(path(kept.callId)), existsSync(path(erased.callId))]).toEqual([true, true]);

    await erasePerson(h.ch, SITE, 'rec-visitor-3', { id: h.userIds.admin, email: 'boss@example.com' });
    expect([existsSync(path(kept.callId)), existsSync(path(erased.callId))]).toEqual([true, false]);
    expect(await rows(erased.callId)).toEqual([]);

    // Seven days: a day short keeps all; a day past deletes every one of this site (the first two tests' too).
    const answeredAt = kept.ringing.requestedAt;
    expect(await h.app.recordings.sweep(answeredAt + 6 * DAY)).toBe(0);
    expect(existsSync(path(kept.callId))).toBe(true);
    expect(await h.app.recordings.sweep(answeredAt + 8 * DAY)).toBe(3);
    expect(existsSync(path(kept.callId))).toBe(false);
    expect(await rows(kept.callId)).toEqual([]);
    kept.v.ws.close();
    erased.v.ws.close();
  });
});
