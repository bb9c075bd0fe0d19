import { randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { appRouter } from '../trpc/root.ts';
import { API_ROUTES } from './route-table.ts';
import { testStore } from '../testing/test-store.ts';

// The open API over real HTTP into the embedded store: keys and scopes, the one error shape,
// limits, cursors, writes the dashboard sees, and the generated OpenAPI document.
const ch = testStore();
const SITE = 'api-site';
const OTHER = 'api-other';
const BURST = 100;
const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = appRouter.createCaller({ ch, user: admin, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
let app: App;
let base: string;
let readKey: string;
let writeKey: string;
let otherKey: string;

const call = (path: string, key: string | undefined, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${base}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
const newKey = async (siteId: string, scopes: ('read' | 'write')[]) =>
  (await caller.apiKey.create({ siteId, name: `key ${scopes.join('+')}`, scopes })).key;

/** A chat as the chat service records it: a request event with the chat's id. */
const chatEvent = (siteId: string, chatId: string, ts: number) =>
  blankEvent({
    site_id: siteId,
    ts,
    event_id: randomUUID(),
    type: 'chat_requested',
    visitor_id: `v-${chatId}`,
    session_id: `s-${chatId}`,
    chat_id: chatId,
  });

beforeAll(async () => {
  await migrate(ch);
  for (const id of [SITE, OTHER])
    await saveSite(ch, { id, name: id, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  app = await createApp({
    ch,
    // Behind a proxy: the refused-key test speaks from its own address (X-Forwarded-For).
    trustProxy: true,
    flushMs: 2,
    journalDir: tempDir('api-journal'),
    // One a minute after the burst: a slow machine cannot refill a token during the 429 test.
    apiRates: { perMinute: 1, burst: BURST },
  });
  base = await listen(app.server);
  readKey = await newKey(SITE, ['read']);
  writeKey = await newKey(SITE, ['read', 'write']);
  otherKey = await newKey(OTHER, ['read', 'write']);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('API keys', () => {
  it('stores only a hash and a prefix, and lists keys without either secret', async () => {
    const rows = await (
      await ch.query({
        query: `SELECT key_hash, prefix FROM ${TABLES.apiKeys} WHERE site_id = {s:String}`,
        query_params: { s: SITE },
        format: 'JSONEachRow',
      })
    ).json<{ key_hash: string; prefix: string }>();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect([readKey, writeKey]).not.toContain(r.key_hash);
      expect(r.prefix).toMatch(/^lt_live_.{8}$/);
    }
    const listed = await caller.apiKey.list({ siteId: SITE });
    expect(listed.map((k) => k.prefix).sort()).toEqual([readKey.slice(0, 16), writeKey.slice(0, 16)].sort());
    expect(JSON.stringify(listed)).not.toContain(readKey);
  });
});

describe('/api/v1 refusals', () => {
  it.each([
    ['no key', undefined, 'Send an API key'],
    ['an unknown key', 'lt_live_not-a-key-at-all-0000000000000000000000', 'Unknown API key'],
    ['a key of another product', 'sk_live_abc', 'Unknown API key'],
  ])('answers %s with 401 in the one error shape', async (_name, key, message) => {
    const res = await call('/leads', key);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toContain(message);
  });

  it('answers a revoked key with 401 at once, and the key shows revoked in the list', async () => {
    const key = await newKey(SITE, ['read']);
    expect((await call('/leads', key)).status).toBe(200);
    const [listed] = (await caller.apiKey.list({ siteId: SITE })).filter((k) => key.startsWith(k.prefix));
    expect(listed?.lastUsedAt).toBeGreaterThan(0);
    await caller.apiKey.revoke({ siteId: SITE, keyId: listed?.keyId ?? '' });
    const res = await call('/leads', key);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'This API key was revoked' } });
    const [after] = (await caller.apiKey.list({ siteId: SITE })).filter((k) => k.keyId === listed?.keyId);
    expect(after?.revokedAt).toBeGreaterThan(0);
  });

  it('answers a read key that writes with 403 and stores nothing', async () => {
    const res = await call('/leads', readKey, { method: 'POST', body: { email: 'ro@example.com' } });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({ error: { code: 'forbidden', message: 'This key lacks the write scope' } });
    const leads = await caller.lead.list({ siteId: SITE, search: 'ro@example.com' });
    expect(leads.total).toBe(0);
  });

  it('answers bad input with 400, 413 and 415 naming the problem', async () => {
    const cases: [Response, number, string][] = [
      [await call('/leads?limit=500', readKey), 400, 'limit'],
      [await call('/leads?cursor=bm9wZQ', readKey), 400, 'cursor'],
      [await call('/leads', writeKey, { method: 'POST', body: '{"email":' }), 400, 'not valid JSON'],
      [await call('/leads', writeKey, { method: 'POST', body: { name: 'No contact' } }), 400, 'email or phone'],
      [await call('/leads', writeKey, { method: 'POST', body: { email: 'x@example.com', admin: true } }), 400, ''],
      [
        await call('/leads', writeKey, {
          method: 'POST',
          body: { email: 'x@example.com', message: 'y'.repeat(70_000) },
        }),
        413,
        'larger than',
      ],
      [await call('/nowhere', readKey), 404, 'No route'],
      [await call('/leads', readKey, { method: 'PATCH', body: {} }), 405, 'GET'],
    ];
    for (const [res, status, reason] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
      expect(body.error.message).toContain(reason);
    }
    const form = await fetch(`${base}/api/v1/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'text/plain' },
      body: 'email=x',
    });
    expect([form.status, ((await form.json()) as { error: { code: string } }).error.code]).toEqual([
      415,
      'unsupported_media_type',
    ]);
  });

  it('answers 429 with Retry-After once a key has used its burst', async () => {
    const key = await newKey(SITE, ['read']);
    // Refused for scope but counted: the limit guards the key, whatever it asks.
    const statuses: number[] = [];
    for (let i = 0; i < BURST; i++) statuses.push((await call('/orders', key, { method: 'POST', body: {} })).status);
    expect(new Set(statuses)).toEqual(new Set([403]));
    const res = await call('/leads', key);
    expect(res.status).toBe(429);
    // One a minute: the next token is about a minute away (less whatever the burst took).
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(30);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await json(res)).toEqual({
      error: { code: 'rate_limited', message: `Rate limit of this key reached; retry in ${wait} s` },
    });
    // Other keys keep their own buckets.
    expect((await call('/leads', readKey)).status).toBe(200);
  });
});

describe('/api/v1 refused keys', () => {
  it('answers an address that keeps sending bad keys 429 after 20, while other addresses go on', async () => {
    const from = (ip: string, key: string) =>
      fetch(`${base}/api/v1/leads`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': ip } });
    // 20 at once, then one every 3 s: a slow run may see a refilled token or two before the 429.
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const res = await from('203.0.113.7', `lt_live_guess${i}`);
      if (res.status === 429) limited = res;
      else statuses.push(res.status);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(20);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await from('203.0.113.8', readKey)).status).toBe(200);
  });
});

describe('/api/v1 resources', () => {
  it('walks every lead exactly once with cursors, and a lead created and updated shows in the dashboard', async () => {
    // Seven leads made here, each with its own email: the expected set is what was sent.
    const emails = Array.from({ length: 7 }, (_, i) => `walker${i}@example.com`);
    const created: string[] = [];
    for (const email of emails) {
      const res = await call('/leads', writeKey, { method: 'POST', body: { email, name: 'Walker', message: 'hi' } });
      expect(res.status).toBe(201);
      const lead = await json(res);
      expect(lead).toMatchObject({ email, source: 'api', status: 'new' });
      created.push(String(lead['lead_id']));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`/leads?limit=3${cursor ? `&cursor=${cursor}` : ''}`, readKey);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { lead_id: string; email: string }[]; next_cursor: string | null };
      seen.push(...page.data.filter((l) => l.email.startsWith('walker')).map((l) => l.lead_id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(created);

    const target = created[0] ?? '';
    const patched = await call(`/leads/${target}`, writeKey, {
      method: 'PATCH',
      body: { status: 'qualified', owner_id: 'u-admin', notes: 'called back' },
    });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({ lead_id: target, status: 'qualified', notes: 'called back' });
    const dashboard = await caller.lead.list({ siteId: SITE, search: 'walker0@example.com' });
    expect(dashboard.rows.map((r) => [r.leadId, r.status, r.ownerName, r.notes, r.source])).toEqual([
      // The owner is no user of this store, so the list names nobody.
      [target, 'qualified', '', 'called back', 'api'],
    ]);
  });

  it('answers 404 for another site’s lead and chat, the same as for ids that never existed', async () => {
    const theirs = await json(
      await call('/leads', otherKey, { method: 'POST', body: { phone: '+86 138 0013 8000', name: 'Theirs' } }),
    );
    await ch.insert({
      table: TABLES.events,
      values: [chatEvent(OTHER, 'chat-theirs', Date.now() - 60_000)],
      format: 'JSONEachRow',
    });
    const expectations: [string, string][] = [
      [`/leads/${String(theirs['lead_id'])}`, 'No such lead'],
      ['/leads/lead_never', 'No such lead'],
      ['/chats/chat-theirs', 'No such chat'],
      ['/chats/chat-theirs/messages', 'No such chat'],
      ['/chats/chat-never', 'No such chat'],
    ];
    for (const [path, message] of expectations) {
      const res = await call(path, readKey);
      expect([path, res.status, await res.json()]).toEqual([path, 404, { error: { code: 'not_found', message } }]);
    }
    const patch = await call(`/leads/${String(theirs['lead_id'])}`, writeKey, {
      method: 'PATCH',
      body: { status: 'won' },
    });
    expect(patch.status).toBe(404);
    // Their own key reads it.
    expect((await call('/chats/chat-theirs', otherKey)).status).toBe(200);
  });

  it('walks the chats of a range oldest first, each once', async () => {
    const now = Date.now();
    const ids = Array.from({ length: 5 }, (_, i) => `chat-walk-${i}`);
    await ch.insert({
      table: TABLES.events,
      values: ids.map((id, i) => chatEvent(SITE, id, now - 3_600_000 + i * 1000)),
      format: 'JSONEachRow',
    });
    // One before the range: not listed.
    await ch.insert({
      table: TABLES.events,
      values: [chatEvent(SITE, 'chat-old', now - 10 * 86_400_000)],
      format: 'JSONEachRow',
    });
    const from = new Date(now - 2 * 86_400_000).toISOString();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/chats?from=${from}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, readKey);
      const page = (await res.json()) as { data: { chat_id: string }[]; next_cursor: string | null };
      seen.push(...page.data.map((c) => c.chat_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('takes orders like /api/orders, idempotent by order id, with a write key only', async () => {
    const order = { orderId: 'V1-1', status: 'paid', value: 120, currency: 'CNY', email: 'walker1@example.com' };
    const first = await call('/orders', writeKey, { method: 'POST', body: order });
    expect([first.status, await first.json()]).toEqual([
      200,
      { order_id: 'V1-1', status: 'paid', created: true, visitor_id: '' },
    ]);
    const again = await call('/orders', writeKey, { method: 'POST', body: { ...order, status: 'refunded' } });
    expect(await again.json()).toMatchObject({ created: false, status: 'refunded' });
    await app.writer.drain();
    const stored = await (
      await ch.query({
        query: `SELECT site_id, status, value FROM ${TABLES.orders} FINAL WHERE order_id = 'V1-1'`,
        format: 'JSONEachRow',
      })
    ).json();
    expect(stored).toEqual([{ site_id: SITE, status: 'refunded', value: 120 }]);
    expect((await call('/orders', writeKey, { method: 'POST', body: { ...order, site: OTHER } })).status).toBe(400);
  });

  it('finds people by email and phone, and reports the range as JSON', async () => {
    const byEmail = await json(await call('/people?email=WALKER2@example.com', readKey));
    expect(byEmail['data']).toEqual([expect.objectContaining({ email: 'walker2@example.com' })]);
    const none = await json(await call('/people?email=nobody@example.com', readKey));
    expect(none).toEqual({ data: [] });
    expect((await call('/people', readKey)).status).toBe(400);
    const overview = await json(await call('/reports/overview', readKey));
    // Seven API leads and the chats above, in the last 30 days.
    expect(overview['current']).toMatchObject({ leads: 7 });
    const funnel = await call('/reports/funnel?window_days=7', readKey);
    expect(funnel.status).toBe(200);
    expect(await json(funnel)).toMatchObject({ window_days: 7 });
  });
});

describe('/api/v1 people and trails', () => {
  it('gives a visitor’s trail and person as sent, and 404 to another site’s key', async () => {
    const visit = { site: SITE, visitorId: 'trail-visitor-1', sessionId: 'trail-session-1' };
    const pages = ['/pricing', '/pricing/pro', '/checkout'];
    for (const path of pages)
      expect(
        (
          await collect(base, {
            ...visit,
            events: [{ type: 'pageview', url: `https://shop.example${path}`, referrer: '', title: path }],
          })
        ).status,
      ).toBe(202);
    expect(
      (
        await collect(base, {
          ...visit,
          events: [
            {
              type: 'identify',
              url: 'https://shop.example/checkout',
              name: 'Trail Person',
              email: 'trail@example.com',
            },
          ],
        })
      ).status,
    ).toBe(202);
    await app.writer.drain();

    const trail = await call('/visitors/trail-visitor-1/trail', readKey);
    expect(trail.status).toBe(200);
    const sessions = (await trail.json()) as {
      data: { session_id: string; landing: string; pages: { path: string }[] }[];
    };
    expect(sessions.data.map((s) => [s.session_id, s.landing, s.pages.map((p) => p.path)])).toEqual([
      ['trail-session-1', '/pricing', pages],
    ]);
    const person = await json(await call('/people/trail-visitor-1', readKey));
    expect(person).toMatchObject({
      visitor_ids: ['trail-visitor-1'],
      name: 'Trail Person',
      email: 'trail@example.com',
      totals: { sessions: 1, pageviews: 3 },
    });
    const found = await json(await call('/people?email=Trail@Example.com', readKey));
    expect(found['data']).toEqual([
      { visitor_ids: ['trail-visitor-1'], name: 'Trail Person', email: 'trail@example.com', phone: '' },
    ]);
    for (const path of ['/visitors/trail-visitor-1/trail', '/people/trail-visitor-1', '/people/never-seen-visitor']) {
      const res = await call(path, path.includes('never') ? readKey : otherKey);
      expect([path, res.status, await res.json()]).toEqual([
        path,
        404,
        { error: { code: 'not_found', message: 'No such visitor' } },
      ]);
    }
    expect(await json(await call('/people?email=trail@example.com', otherKey))).toEqual({ data: [] });
  });
});

describe('/api/v1/openapi.json', () => {
  it('is a valid OpenAPI document whose paths are the route table’s, with bearer security', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
      security: unknown;
    };
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).toEqual(API_ROUTES.map((r) => `${r.method} /api/v1${r.path}`).sort());
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });
});
