import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { createApp, type App } from '../app.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { appRouter } from '../trpc/root.ts';
import { saveWebhook } from './subscription-service.ts';
import { testStore } from '../testing/test-store.ts';

// An agent tagging a visitor in the console (tRPC) reaches a subscriber as `tag.added`,
// signed, through the server's outbox.
const ch = testStore();
const SITE = 'tag-hook';
const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = appRouter.createCaller({ ch, user: admin, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
let app: App;

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: SITE, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  app = await createApp({
    ch,
    trustProxy: false,
    flushMs: 2,
    journalDir: tempDir('tag-hook-journal'),
    webhooks: { dir: tempDir('tag-hook-outbox'), allowPrivate: true, timeoutMs: 2_000, retryBaseMs: 50 },
  });
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

it('sends tag.added when a visitor is tagged by hand', async () => {
  const receiver = await startReceiver(() => ({ status: 200 }));
  const { secret } = await saveWebhook(ch, SITE, { url: receiver.url, events: ['tag.added'], enabled: true });
  const tag = await caller.tag.save({ siteId: SITE, tag: { name: 'VIP', color: 'gold' } });
  await caller.tag.assign({ siteId: SITE, kind: 'visitor', subjectId: 'visitor-0001', tagId: tag.tagId });

  await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
  const [hit] = receiver.received;
  const body = JSON.parse(hit?.body ?? '{}') as Record<string, unknown>;
  expect(body).toMatchObject({
    type: 'tag.added',
    site_id: SITE,
    data: { tag_id: tag.tagId, subject_kind: 'visitor', subject_id: 'visitor-0001', origin: 'manual' },
  });
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit?.headers['leadtrail-signature']));
  expect(
    m &&
      createHmac('sha256', secret ?? '')
        .update(`${m[1]}.${hit?.body ?? ''}`)
        .digest('hex'),
  ).toBe(m?.[2]);
  await receiver.close();
});
