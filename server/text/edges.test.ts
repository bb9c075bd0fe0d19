import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TABLES } from '../../clickhouse/tables.ts';
import { hello, startLiveHarness, visitorSocket, type LiveHarness } from '../testing/realtime-harness.ts';
import { appRouter } from '../trpc/root.ts';

// The rule of clean-text.ts where text enters: a realtime channel and a tRPC input. The
// bodies are written by hand, with the escapes a hostile client sends.
const SITE = 'edges-site';
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
afterAll(() => h.close());

it('stores an offline message sent over /ws/visitor with lone surrogates and control characters repaired', async () => {
  const v = await visitorSocket(h.base);
  v.send(hello(SITE, 'visitor-edges-1', 'https://shop.example/'));
  v.ws.send(
    '{"type":"offline.message","name":"Zhang \\ud800Min\\u0000","email":"","message":"Call me\\u0007 \\udc00 please"}',
  );
  await expect
    .poll(async () => {
      const r = await h.ch.query({
        query: `SELECT name, message FROM ${TABLES.leads} FINAL WHERE site_id = {s:String}`,
        query_params: { s: SITE },
        format: 'JSONEachRow',
      });
      return r.json();
    })
    .toEqual([{ name: 'Zhang \ufffdMin', message: 'Call me \ufffd please' }]);
  v.ws.close();
});

it('stores a tRPC input with lone surrogates and control characters repaired', async () => {
  const user = { id: 'u-edges', email: 'edges@example.com', name: 'Edges', role: 'agent' as const, siteIds: [SITE] };
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request('http://127.0.0.1/api/trpc/canned.save', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"siteId":"${SITE}","shortcut":"hi","body":"Hello \\ud83d\\u0000there"}`,
    }),
    router: appRouter,
    createContext: ({ resHeaders }) => ({ ch: h.ch, user, token: null, ip: '127.0.0.1', resHeaders }),
  });
  expect(res.status).toBe(200);
  const r = await h.ch.query({
    query: `SELECT body FROM ${TABLES.cannedReplies} FINAL WHERE site_id = {s:String}`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  expect(await r.json()).toEqual([{ body: 'Hello \ufffdthere' }]);
});
