import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { appRouter } from '../trpc/root.ts';
import { testStore } from '../testing/test-store.ts';

// What a CRM does through /api/v1 over real HTTP: a tag it puts on a visitor shows in the
// dashboard's own tag query and comes off again, a customer it imported is found by its own
// id or by any spelling of its phone, and another site's key reaches none of it.
const ch = testStore();
const SITE = 'crm-api-site';
const OTHER = 'crm-api-other';
const SHANGHAI = 'crm-api-shanghai';
const VISITOR = 'crm-api-visitor-1';
const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = appRouter.createCaller({ ch, user: admin, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
let app: App;
let base: string;

const call = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  await migrate(ch);
  for (const id of [SITE, OTHER])
    await saveSite(ch, { id, name: id, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await saveSite(ch, {
    id: SHANGHAI,
    name: 'CN',
    domains: ['cn.example'],
    timeZone: 'Asia/Shanghai',
    respectDnt: false,
  });
  await ch.insert({
    table: TABLES.events,
    values: [
      blankEvent({
        site_id: SITE,
        ts: Date.now() - 60_000,
        event_id: randomUUID(),
        type: 'pageview',
        visitor_id: VISITOR,
        session_id: 's-1',
        path: '/',
      }),
    ],
    format: 'JSONEachRow',
  });
  app = await createApp({ ch, trustProxy: false, flushMs: 2, journalDir: tempDir('crm-api-journal') });
  base = await listen(app.server);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

it('tags a visitor, shows it where the dashboard reads tags, and takes it off', async () => {
  const read = (await caller.apiKey.create({ siteId: SITE, name: 'r', scopes: ['read'] })).key;
  const write = (await caller.apiKey.create({ siteId: SITE, name: 'w', scopes: ['read', 'write'] })).key;
  const other = (await caller.apiKey.create({ siteId: OTHER, name: 'o', scopes: ['read', 'write'] })).key;
  const vip = await caller.tag.save({ siteId: SITE, tag: { name: 'VIP', color: 'gold', description: 'Big spender' } });

  const listed = await call('GET', '/tags', read);
  expect(listed.body['data']).toEqual([{ id: vip.tagId, name: 'VIP', color: 'gold', description: 'Big spender' }]);

  const subject = { kind: 'visitor', subject_id: VISITOR };
  expect((await call('POST', `/tags/${vip.tagId}/assignments`, read, subject)).status).toBe(403);
  expect((await call('POST', `/tags/${vip.tagId}/assignments`, other, subject)).status).toBe(404);
  const unknownVisitor = await call('POST', `/tags/${vip.tagId}/assignments`, write, {
    ...subject,
    subject_id: 'nobody',
  });
  expect(unknownVisitor.status).toBe(404);

  expect((await call('POST', `/tags/${vip.tagId}/assignments`, write, subject)).status).toBe(201);
  expect(await caller.tag.of({ siteId: SITE, kind: 'visitor', subjectId: VISITOR })).toEqual([vip.tagId]);
  const of = `/tags/of?kind=visitor&subject_id=${VISITOR}`;
  expect((await call('GET', of, read)).body['tag_ids']).toEqual([vip.tagId]);
  expect((await call('GET', of, other)).status).toBe(404);

  const removed = await call('DELETE', `/tags/${vip.tagId}/assignments?kind=visitor&subject_id=${VISITOR}`, write);
  expect(removed.status).toBe(200);
  expect(await caller.tag.of({ siteId: SITE, kind: 'visitor', subjectId: VISITOR })).toEqual([]);
});

it('finds an imported customer by external id, on its own site only', async () => {
  const read = (await caller.apiKey.create({ siteId: SITE, name: 'r', scopes: ['read'] })).key;
  const other = (await caller.apiKey.create({ siteId: OTHER, name: 'o', scopes: ['read'] })).key;
  const result = await caller.people.importChunk({
    siteId: SITE,
    rows: [
      { line: 1, name: 'Lin Xiaoyu', email: 'lin@example.com', externalId: 'CRM-0042' },
      { line: 2, name: 'Wang Wei', email: 'wang@example.com', externalId: 'CRM-0043' },
    ],
  });
  expect(result.created).toBe(2);

  const found = await call('GET', '/people?external_id=CRM-0042', read);
  expect(found.status).toBe(200);
  const data = found.body['data'] as { name: string; email: string }[];
  expect(data.map((p) => [p.name, p.email])).toEqual([['Lin Xiaoyu', 'lin@example.com']]);
  expect((await call('GET', '/people?external_id=CRM-9999', read)).body['data']).toEqual([]);
  expect((await call('GET', '/people?external_id=CRM-0042', other)).body['data']).toEqual([]);
  expect((await call('GET', '/people', read)).status).toBe(400);
});

it('finds a customer imported with +86 by the number as a shopper in China writes it', async () => {
  const read = (await caller.apiKey.create({ siteId: SHANGHAI, name: 'r', scopes: ['read'] })).key;
  await caller.people.importChunk({
    siteId: SHANGHAI,
    rows: [{ line: 1, name: 'Zhou Li', phone: '+86 138 0013 8000' }],
  });
  for (const phone of ['138 0013 8000', '008613800138000', '+8613800138000']) {
    const found = await call('GET', `/people?phone=${encodeURIComponent(phone)}`, read);
    expect(found.status).toBe(200);
    expect((found.body['data'] as { name: string }[]).map((p) => p.name)).toEqual(['Zhou Li']);
  }
  expect((await call('GET', '/people?phone=139%200013%208000', read)).body['data']).toEqual([]);
});
