import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClickHouse } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { createApp, type App } from '../app.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import type { AgentEvent, LiveVisitor } from './channels.ts';

// Real HTTP ingest, real WebSockets, the embedded store; presence timeouts shortened.
const ch = createClickHouse({ dataDir: ':memory:' });
let app: App;
let base: string;
let agentToken: string;
let outsiderToken: string;

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: 'live-site-1', name: 'Live', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await saveSite(ch, { id: 'other-site', name: 'Other', domains: ['other.example'], timeZone: 'UTC', respectDnt: false });
  const agent = await saveUser(ch, { email: 'agent@example.com', name: 'Agent', role: 'agent', siteIds: ['live-site-1'], password: 'agent-password' });
  const outsider = await saveUser(ch, { email: 'out@example.com', name: 'Out', role: 'marketer', siteIds: ['other-site'], password: 'outsider-pass' });
  agentToken = (await createSession(ch, agent.id)).token;
  outsiderToken = (await createSession(ch, outsider.id)).token;
  app = await createApp({ ch, trustProxy: false, flushMs: 2, presenceTimings: { heartbeatTimeoutMs: 1_000, graceMs: 300, eventTtlMs: 1_500, tickMs: 50 } });
  base = await listen(app.server);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

/** An agent socket collecting everything it is sent. */
async function agentSocket(token: string | null, site = 'live-site-1') {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/agent?site=${site}`, { headers: token ? { cookie: `lt_session=${token}` } : {} });
  const events: AgentEvent[] = [];
  ws.on('message', (d: Buffer) => events.push(JSON.parse(d.toString()) as AgentEvent));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
  });
  const visitors = () => {
    const map = new Map<string, LiveVisitor>();
    for (const e of events) {
      if (e.type === 'snapshot') map.clear();
      if (e.type === 'snapshot' || e.type === 'upsert') for (const v of e.visitors) map.set(v.visitorId, v);
      if (e.type === 'remove') for (const id of e.visitorIds) map.delete(id);
    }
    return map;
  };
  return { ws, events, visitors };
}

const pageview = (visitorId: string, path: string, title: string) => ({
  site: 'live-site-1',
  visitorId,
  sessionId: `${visitorId}-s1`,
  events: [{ type: 'pageview', url: `https://shop.example${path}?utm_source=weibo&utm_campaign=launch`, referrer: 'https://weibo.com/', title }],
});

describe('live visitors over the realtime hub', () => {
  it('refuses agents without a session (401) or without access to the site (403)', async () => {
    await expect(agentSocket(null)).rejects.toThrow('401');
    await expect(agentSocket(outsiderToken)).rejects.toThrow('403');
  });

  it('pushes a visitor within a second of their stored page view, and grows the trail', async () => {
    const agent = await agentSocket(agentToken);
    const started = Date.now();
    expect((await collect(base, pageview('visitor-live-1', '/pricing', 'Pricing'))).status).toBe(202);
    await expect.poll(() => agent.visitors().get('visitor-live-1'), { timeout: 1000 }).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(agent.visitors().get('visitor-live-1')).toMatchObject({ device: 'desktop', browser: 'Chrome', utmSource: 'weibo', utmCampaign: 'launch', trail: [{ path: '/pricing', title: 'Pricing' }] });
    await expect.poll(() => agent.visitors().get('visitor-live-1')?.visitNumber).toBe(1);

    await collect(base, { ...pageview('visitor-live-1', '/contact', 'Contact'), events: [{ type: 'pageview', url: 'https://shop.example/contact', referrer: 'https://shop.example/pricing', title: 'Contact' }] });
    await expect.poll(() => agent.visitors().get('visitor-live-1')?.trail.map((s) => s.path)).toEqual(['/pricing', '/contact']);
    agent.ws.close();
  });

  it('keeps a connected visitor, and removes them after their socket closes and the grace passes', async () => {
    const agent = await agentSocket(agentToken);
    const visitor = new WebSocket(`${base.replace('http', 'ws')}/ws/visitor`, { headers: { origin: 'https://shop.example' } });
    await new Promise((r) => visitor.once('open', r));
    visitor.send(JSON.stringify({ type: 'hello', site: 'live-site-1', visitorId: 'visitor-live-2', sessionId: 'visitor-live-2-s1', url: 'https://shop.example/' }));
    await collect(base, pageview('visitor-live-2', '/', 'Home'));
    await expect.poll(() => agent.visitors().get('visitor-live-2')?.connected).toBe(true);
    const ping = setInterval(() => visitor.send('{"type":"ping"}'), 200);
    await new Promise((r) => setTimeout(r, 1_800));
    expect(agent.visitors().has('visitor-live-2')).toBe(true);
    clearInterval(ping);
    visitor.close();
    await expect.poll(() => agent.visitors().has('visitor-live-2'), { timeout: 3000 }).toBe(false);
    agent.ws.close();
  });

  it('closes visitor sockets that send bad input, with a reason', async () => {
    const cases = [
      [{ type: 'hello', site: 'live-site-1', visitorId: 'bad id!', sessionId: 'x', url: '/' }, 'invalid message'],
      [{ type: 'hello', site: 'no-such-site', visitorId: 'visitor-live-3', sessionId: 'visitor-live-3-s1', url: '/' }, 'unknown site'],
    ] as const;
    for (const [message, reason] of cases) {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/visitor`);
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify(message));
      const [, why] = await new Promise<[number, Buffer]>((r) => ws.once('close', (code, buf) => r([code, buf])));
      expect(why.toString()).toBe(reason);
    }
  });

  it('gives a reconnecting agent a snapshot of the same visitors', async () => {
    await collect(base, pageview('visitor-live-4', '/products', 'Products'));
    const first = await agentSocket(agentToken);
    await expect.poll(() => first.visitors().has('visitor-live-4')).toBe(true);
    first.ws.close();
    const again = await agentSocket(agentToken);
    await expect.poll(() => again.events[0]?.type).toBe('snapshot');
    expect([...again.visitors().keys()].sort()).toEqual([...first.visitors().keys()].sort());
    again.ws.close();
  });
});
