import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { createApp, type App } from '../app.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { appRouter } from '../trpc/root.ts';
import { testStore } from '../testing/test-store.ts';

// The knowledge base through /api/v1 over real HTTP: an import is all or nothing, a walk
// sees every article once, search ranks as the robot does and says when it would answer,
// and keys see only their own site's articles.
const ch = testStore();
const SITE = 'kb-api-site';
const OTHER = 'kb-api-other';
const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = appRouter.createCaller({ ch, user: admin, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
let app: App;
let base: string;
let readKey: string;
let writeKey: string;
let otherKey: string;

const call = async (path: string, key: string | undefined, body?: unknown) => {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { message: string } } };
};

const ARTICLES = [
  {
    question: 'How long does delivery take?',
    alternates: ['When will my parcel arrive?'],
    answer: 'Orders ship within 24 hours and arrive in **2–4 working days**.',
    category: 'Delivery',
    language: 'en',
  },
  {
    question: 'How do I return an item?',
    alternates: ['Can I send something back?'],
    answer: 'Start a return from [your orders](https://shop.example/orders) within 30 days.',
    category: 'Returns',
    language: 'en',
    self_service_url: 'https://shop.example/orders',
  },
  { question: '可以开发票吗？', alternates: ['怎么开发票'], answer: '可以，在订单页申请电子发票。', language: 'zh' },
  { question: 'Which payment methods do you accept?', answer: 'Cards, Alipay and WeChat Pay.', language: 'en' },
  { question: '运费是多少？', answer: '满99元包邮，否则运费10元。', language: 'zh' },
];

async function allIds(key: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(`/knowledge/articles?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, key);
    expect(page.status).toBe(200);
    ids.push(...(page.body['data'] as { id: string }[]).map((a) => a.id));
    cursor = page.body['next_cursor'] as string | null;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  await migrate(ch);
  for (const id of [SITE, OTHER])
    await saveSite(ch, { id, name: id, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  app = await createApp({ ch, trustProxy: false, flushMs: 2, journalDir: tempDir('kb-api-journal') });
  base = await listen(app.server);
  readKey = (await caller.apiKey.create({ siteId: SITE, name: 'read', scopes: ['read'] })).key;
  writeKey = (await caller.apiKey.create({ siteId: SITE, name: 'write', scopes: ['read', 'write'] })).key;
  otherKey = (await caller.apiKey.create({ siteId: OTHER, name: 'other', scopes: ['read', 'write'] })).key;
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('/api/v1/knowledge', () => {
  let ids: string[] = [];

  it('refuses a missing key (401) and a read key importing (403)', async () => {
    expect((await call('/knowledge/search?q=delivery', undefined)).status).toBe(401);
    const refused = await call('/knowledge/articles', readKey, ARTICLES);
    expect(refused.status).toBe(403);
  });

  it('stores nothing from an import with one bad article, and names it', async () => {
    const bad = [ARTICLES[0], { question: 'No answer here', language: 'en' }, ARTICLES[1]];
    const res = await call('/knowledge/articles', writeKey, bad);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/^1\.answer: /);
    expect(await allIds(writeKey, 50)).toEqual([]);
  });

  it('imports articles and returns their ids in order; a walk sees each once', async () => {
    const res = await call('/knowledge/articles', writeKey, ARTICLES);
    expect(res.status).toBe(201);
    ids = res.body['ids'] as string[];
    expect(ids).toHaveLength(ARTICLES.length);
    expect(new Set(ids).size).toBe(ARTICLES.length);
    const walked = await allIds(readKey, 2);
    expect([...walked].sort()).toEqual([...ids].sort());
    const one = await call(`/knowledge/articles/${ids[1] ?? ''}`, readKey);
    expect(one.body).toMatchObject({
      question: 'How do I return an item?',
      self_service_url: 'https://shop.example/orders',
      enabled: true,
      version: 1,
    });
  });

  it('ranks as the robot does and says when it would answer', async () => {
    // The index hears of the import on the bus; it may still be loading at start.
    let hits: { id: string; robot_would_answer: boolean; confidence: number }[] = [];
    for (let i = 0; i < 50 && hits.length === 0; i++) {
      const res = await call('/knowledge/search?q=when+will+my+parcel+arrive', readKey);
      hits = res.body['data'] as typeof hits;
      if (hits.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hits[0]?.id).toBe(ids[0]);
    expect(hits[0]?.robot_would_answer).toBe(true);
    expect(hits.slice(1).every((h) => !h.robot_would_answer)).toBe(true);

    const zh = await call(`/knowledge/search?q=${encodeURIComponent('能开發票嗎')}&language=zh`, readKey);
    expect((zh.body['data'] as { id: string }[])[0]?.id).toBe(ids[2]);

    const unrelated = await call('/knowledge/search?q=do+you+sell+garden+furniture', readKey);
    expect((unrelated.body['data'] as { robot_would_answer: boolean }[]).some((h) => h.robot_would_answer)).toBe(false);
    expect(unrelated.body['threshold']).toBeGreaterThan(0);
  });

  it("shows another site's key none of these articles (404 for one)", async () => {
    expect(await allIds(otherKey, 50)).toEqual([]);
    const one = await call(`/knowledge/articles/${ids[0] ?? ''}`, otherKey);
    expect(one.status).toBe(404);
    const search = await call('/knowledge/search?q=delivery', otherKey);
    expect(search.body['data']).toEqual([]);
  });
});
