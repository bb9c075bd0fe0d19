import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { agentSocket } from '../testing/realtime-harness.ts';
import { saveSite } from '../sites/site-service.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import { collect } from '../testing/http.ts';
import { saveUser } from './user-service.ts';
import { request } from 'node:http';
import WebSocket from 'ws';

// Browser-side defences over real HTTP: a page of another site may not act with the user's
// cookie, and the dashboard's responses carry the security headers.
const SITE = 'origin-site';
let ch: ClickHouseClient;
let d: Dashboard;
let host: string;
let token: string;

beforeAll(async () => {
  ch = await freshStore();
  await saveSite(ch, { id: SITE, name: 'Shop', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await saveUser(ch, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    siteIds: [],
    password: 'boss-password-1',
  });
  d = await startDashboard(ch, { publicUrl: 'https://leadtrail.example' });
  host = new URL(d.base).host;
  token = (await trpc(d.base, 'auth.signIn', { email: 'boss@example.com', password: 'boss-password-1' })).session ?? '';
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

const createSite = (headers: Record<string, string>) =>
  trpc(
    d.base,
    'site.create',
    { name: 'New', domains: ['new.example'], timeZone: 'UTC', respectDnt: false },
    { cookie: token, headers },
  );

describe('tRPC mutations', () => {
  it('refuses one sent from another origin (403), or marked cross-site without an Origin', async () => {
    expect((await createSite({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await createSite({ origin: 'null' })).status).toBe(403);
    expect((await createSite({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(
      (
        await trpc(
          d.base,
          'auth.signIn',
          { email: 'boss@example.com', password: 'boss-password-1' },
          { headers: { origin: 'https://evil.example' } },
        )
      ).status,
    ).toBe(403);
  });

  it("accepts one from the dashboard's own origin (its host, or PUBLIC_URL), and one with no Origin (not a browser page)", async () => {
    expect((await createSite({ origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await createSite({ origin: 'https://leadtrail.example' })).status).toBe(200);
    expect((await createSite({})).status).toBe(200);
  });

  it('leaves queries (GET) alone: they change nothing and their answers are not readable cross-origin', async () => {
    expect(
      (await trpc(d.base, 'auth.me', null, { cookie: token, query: true, headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(200);
  });
});

describe('/ws/agent', () => {
  it('refuses an upgrade from another origin (403) and accepts the dashboard', async () => {
    const evil = new WebSocket(`${d.base.replace(/^http/, 'ws')}/ws/agent?site=${SITE}`, {
      headers: { cookie: `lt_session=${token}`, origin: 'https://evil.example' },
    });
    const status = await new Promise<number | undefined>((resolve) => {
      evil.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      evil.once('open', () => resolve(101));
      evil.once('error', () => resolve(undefined));
    });
    expect(status).toBe(403);
    const own = new WebSocket(`${d.base.replace(/^http/, 'ws')}/ws/agent?site=${SITE}`, {
      headers: { cookie: `lt_session=${token}`, origin: `http://${host}` },
    });
    await new Promise((resolve, reject) => {
      own.once('open', resolve);
      own.once('error', reject);
    });
    own.close();
    const noOrigin = await agentSocket(d.base, token, SITE);
    noOrigin.ws.close();
  });
});

describe('/api/collect', () => {
  const body = {
    site: SITE,
    visitorId: 'v-origin-1',
    sessionId: 's-origin-1',
    events: [{ type: 'pageview', url: 'https://shop.example/a', referrer: '', title: 'A' }],
  };

  it("answers 403 with a reason to a browser on another site, 202 to the site's own pages", async () => {
    const foreign = await collect(d.base, body, { origin: 'https://evil.example' });
    expect([foreign.status, await foreign.text()]).toEqual([403, 'origin is not allowed for this site']);
    expect((await collect(d.base, body, { origin: 'null' })).status).toBe(403);
    expect((await collect(d.base, body, { origin: 'https://www.shop.example' })).status).toBe(202);
    expect((await collect(d.base, body, { origin: 'https://blog.shop.example:8443' })).status).toBe(202);
    expect((await collect(d.base, body)).status).toBe(202);
  });
});

describe('security headers', () => {
  it('are on dashboard responses', async () => {
    for (const path of ['/s/origin-site/overview', '/api/trpc/auth.me']) {
      const res = await fetch(`${d.base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('keep a forged Host header out of the policy', async () => {
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${d.base}/s/origin-site/overview`,
        { headers: { host: 'evil.example; script-src *' } },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(csp).not.toContain('evil.example');
    expect(csp).toContain("connect-src 'self';");
  });

  it('are not on what other sites load or embed: the snippet, the widget, ingest, the demo shop', async () => {
    for (const path of ['/t.js', '/w.js', '/demo/', '/healthz']) {
      const res = await fetch(`${d.base}${path}`);
      expect(res.headers.get('content-security-policy'), path).toBeNull();
    }
    const ingest = await collect(d.base, 'not json');
    expect(ingest.headers.get('content-security-policy')).toBeNull();
    expect(ingest.headers.get('access-control-allow-origin')).toBe('*');
  });
});
