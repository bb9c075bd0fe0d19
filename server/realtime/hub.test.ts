import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSession, revokeSession } from '../auth/session-store.ts';
import { CLOSE, SOCKET_LIMITS } from '../contract/channels.ts';
import { agentSocket, hello, startLiveHarness, visitorSocket, type LiveHarness } from '../testing/realtime-harness.ts';

// Who may connect, and what the hub does with input it must not accept.
const SITE = 'hub-site-1';
const DNT_SITE = 'hub-dnt-site';
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness([SITE, DNT_SITE], { tickMs: 50, pingMs: 200, helloTimeoutMs: 400 });
});
afterAll(async () => {
  await h.close();
});

describe('agent connections', () => {
  it('refuses the upgrade without a session (401), without access to the site (403), and for a site that does not exist (404)', async () => {
    await expect(agentSocket(h.base, null, SITE)).rejects.toThrow('HTTP 401');
    await expect(agentSocket(h.base, 'not-a-session-token', SITE)).rejects.toThrow('HTTP 401');
    await expect(agentSocket(h.base, h.tokens.outsider, SITE)).rejects.toThrow('HTTP 403');
    await expect(agentSocket(h.base, h.tokens.agent, 'other-site')).rejects.toThrow('HTTP 403');
    await expect(agentSocket(h.base, h.tokens.admin, 'no-such-site')).rejects.toThrow('HTTP 404');
  });

  it('starts with a snapshot, answers pings, and closes on a message it does not understand', async () => {
    const agent = await agentSocket(h.base, h.tokens.admin, SITE);
    await expect.poll(() => agent.events[0]).toEqual({ type: 'live.snapshot', visitors: [], total: 0 });
    agent.ws.send('{"type":"ping"}');
    // Other pushes (the callback queue's overdue count) may arrive around the pong.
    await expect.poll(() => agent.events.some((e) => e.type === 'pong')).toBe(true);
    const closing = new Promise<[number, string]>((resolve) =>
      agent.ws.once('close', (code, why) => resolve([code, why.toString()])),
    );
    agent.ws.send('{"type":"invite","visitorId":"x"}');
    expect(await closing).toEqual([CLOSE.invalidMessage.code, CLOSE.invalidMessage.reason]);
  });

  it('closes an agent whose session was revoked', async () => {
    const { token } = await createSession(h.ch, h.userIds.admin);
    const agent = await agentSocket(h.base, token, SITE);
    const closing = new Promise<[number, string]>((resolve) =>
      agent.ws.once('close', (code, why) => resolve([code, why.toString()])),
    );
    await revokeSession(h.ch, token);
    expect(await closing).toEqual([CLOSE.signedOut.code, CLOSE.signedOut.reason]);
  });
});

describe('visitor connections', () => {
  const good = hello(SITE, 'visitor-hub-1');
  const cases: [string, unknown, { origin?: string; dnt?: boolean }, { code: number; reason: string }][] = [
    ['ids that are not ids', { ...good, visitorId: 'bad id!', sessionId: 'x' }, {}, CLOSE.invalidMessage],
    ['a page URL that is not http(s)', { ...good, url: 'javascript:alert(1)' }, {}, CLOSE.invalidMessage],
    ['extra fields', { ...good, admin: true }, {}, CLOSE.invalidMessage],
    ['not JSON', 'hello there', {}, CLOSE.invalidMessage],
    ['an unknown site', hello('no-such-site', 'visitor-hub-2'), {}, CLOSE.unknownSite],
    ['a foreign Origin', good, { origin: 'https://evil.example' }, CLOSE.notAllowed],
    ['a page on a foreign domain', { ...good, url: 'https://evil.example/' }, {}, CLOSE.pageNotAllowed],
    ['Do Not Track on a site that honours it', hello(DNT_SITE, 'visitor-hub-3'), { dnt: true }, CLOSE.doNotTrack],
    ['a ping before hello', { type: 'ping' }, {}, CLOSE.helloTimeout],
  ];
  it.each(cases)(
    'closes the socket, with a reason, on %s',
    { timeout: 5_000 },
    async (_name, message, options, expected) => {
      const v = await visitorSocket(h.base, options);
      v.send(message);
      expect(await v.closing).toEqual(expected);
    },
  );

  it('accepts a good hello from an allowed origin, and refuses a second one', async () => {
    const v = await visitorSocket(h.base, { origin: 'https://www.shop.example' });
    const replies: string[] = [];
    v.ws.on('message', (d: Buffer) => replies.push(d.toString()));
    v.send(good);
    v.send({ type: 'ping' });
    await expect
      .poll(() => replies)
      .toEqual([
        '{"type":"welcome","agentsOnline":false,"robot":false,"calls":false,"timeZone":"UTC"}',
        '{"type":"pong"}',
      ]);
    v.send(good);
    expect(await v.closing).toEqual(CLOSE.helloTwice);
  });

  it('closes a socket that never says hello', async () => {
    const v = await visitorSocket(h.base);
    expect(await v.closing).toEqual(CLOSE.helloTimeout);
  });

  it('closes a socket that sends too much, or too often', async () => {
    const big = await visitorSocket(h.base);
    big.send({ ...good, url: `https://shop.example/${'x'.repeat(SOCKET_LIMITS.visitorMessageBytes)}` });
    expect((await big.closing).code).toBe(1009);

    const chatty = await visitorSocket(h.base);
    chatty.send(good);
    for (let i = 0; i < 30; i++) chatty.send({ type: 'ping' });
    expect(await chatty.closing).toEqual(CLOSE.tooMany);
  });

  it('leaves upgrades to other paths to the rest of the server (refused here)', async () => {
    const ws = new WebSocket(`${h.base.replace(/^http/, 'ws')}/ws/other`);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
