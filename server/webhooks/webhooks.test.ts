import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { realtimeBus } from '../bus/bus.ts';
import { listWebhookDeliveries } from '../queries/webhook-deliveries.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { postWebhook } from './deliver.ts';
import { WebhookOutbox } from './outbox.ts';
import { removeWebhook, saveWebhook } from './subscription-service.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

/** The receiver's side, written from the README's recipe, not from the server's code. */
function verified(secret: string, header: string, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex') === m[2];
}

const outbox = (dir: string, allowPrivate = true) =>
  new WebhookOutbox({ ch, dir, delivery: { allowPrivate, timeoutMs: 2_000 }, retryBaseMs: 50 });

it('signs each event, retries after 500s with the same id, and logs every attempt', async () => {
  const failFirst = new Map<string, number>();
  const receiver = await startReceiver((r) => {
    const id = String(r.headers['leadtrail-event-id']);
    const n = (failFirst.get(id) ?? 0) + 1;
    failFirst.set(id, n);
    return { status: n <= 2 ? 500 : 200 };
  });
  const site = 'wh-sign';
  const { subscriptionId, secret } = await saveWebhook(ch, site, {
    url: receiver.url,
    events: ['order.created'],
    enabled: true,
  });
  expect(secret).toMatch(/^whsec_/);
  const box = outbox(tempDir('wh-sign'));
  box.start();
  try {
    realtimeBus().publish('domainEvent', {
      siteId: site,
      type: 'order.created',
      id: 'evt_order_1',
      data: { order_id: 'A-1' },
    });
    // Not subscribed: never sent.
    realtimeBus().publish('domainEvent', { siteId: site, type: 'lead.created', id: 'evt_lead_1', data: {} });
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(3);
    await expect.poll(() => box.backlog()).toBe(0);
    const bodies = receiver.received.map((r) => r.body);
    expect(new Set(bodies).size).toBe(1);
    for (const r of receiver.received) {
      expect(r.headers['leadtrail-event-id']).toBe('evt_order_1');
      expect(verified(secret ?? '', String(r.headers['leadtrail-signature']), r.body)).toBe(true);
      expect(verified('wrong-secret', String(r.headers['leadtrail-signature']), r.body)).toBe(false);
    }
    const body = JSON.parse(bodies[0] ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'evt_order_1', type: 'order.created', site_id: site, data: { order_id: 'A-1' } });
    expect(Date.parse(String(body['created_at']))).toBeGreaterThan(Date.now() - 60_000);
    // Back-off: the second retry waited about twice as long as the first (50 ms, then 100 ms).
    const [a, b, c] = receiver.received.map((r) => r.at);
    expect(b! - a!).toBeGreaterThanOrEqual(45);
    expect(c! - b!).toBeGreaterThanOrEqual(95);
    const log = await listWebhookDeliveries(ch, site, 10);
    expect(log.map((l) => [l.attempt, l.status, l.responseCode])).toEqual([
      [3, 'delivered', 200],
      [2, 'retrying', 500],
      [1, 'retrying', 500],
    ]);
    expect(log.every((l) => l.subscriptionId === subscriptionId && l.eventType === 'order.created')).toBe(true);

    // Redeliver: the same id and body again; a test event goes whatever the chosen events.
    const before = receiver.received.length;
    realtimeBus().publish('webhookSend', { siteId: site, subscriptionId, eventId: 'evt_order_1' });
    realtimeBus().publish('webhookSend', { siteId: site, subscriptionId, eventId: null });
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
    const later = receiver.received.slice(before);
    expect(later.some((r) => r.body === bodies[0])).toBe(true);
    expect(later.some((r) => (JSON.parse(r.body) as { type: string }).type === 'webhook.test')).toBe(true);
  } finally {
    await box.close();
    await receiver.close();
  }
});

it('keeps undelivered events on disk across a restart and delivers them after it', async () => {
  const dir = tempDir('wh-restart');
  const site = 'wh-restart';
  // A receiver that is down during the first run: a closed port.
  const down = await startReceiver();
  const url = down.url;
  await down.close();
  const { secret } = await saveWebhook(ch, site, { url, events: ['lead.created', 'chat.ended'], enabled: true });
  const first = outbox(dir);
  first.start();
  for (let i = 0; i < 5; i++)
    first.emit({ siteId: site, type: i % 2 ? 'chat.ended' : 'lead.created', id: `evt_restart_${i}`, data: { i } });
  await expect
    .poll(async () => (await listWebhookDeliveries(ch, site, 50)).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(5);
  await first.close();
  expect(readdirSync(join(dir, 'deliveries')).length).toBe(5);

  const receiver = await startReceiver();
  // Same port, now answering.
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.server.listen(Number(new URL(url).port), '127.0.0.1', resolve));
  const second = outbox(dir);
  second.start();
  try {
    await expect
      .poll(() => new Set(receiver.received.map((r) => r.headers['leadtrail-event-id'])).size, { timeout: 15_000 })
      .toBe(5);
    for (const r of receiver.received)
      expect(verified(secret ?? '', String(r.headers['leadtrail-signature']), r.body)).toBe(true);
    await expect.poll(() => readdirSync(join(dir, 'deliveries')).length).toBe(0);
  } finally {
    await second.close();
    await receiver.close();
  }
});

it('refuses loopback, private and metadata addresses, also behind a name, and does not follow redirects', async () => {
  const receiver = await startReceiver((_r, nth) =>
    nth === 1 ? { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } } : { status: 200 },
  );
  const guarded = { allowPrivate: false, timeoutMs: 2_000 };
  for (const target of [
    receiver.url,
    `http://localhost:${receiver.port}/hook`,
    `http://[::1]:${receiver.port}/hook`,
    `http://[::ffff:127.0.0.1]:${receiver.port}/hook`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://0x7f000001/',
  ]) {
    const r = await postWebhook(target, '{}', {}, guarded);
    expect([target, r.error, r.ok]).toEqual([target, 'refused_address', false]);
  }
  expect(receiver.received).toHaveLength(0);
  const redirected = await postWebhook(receiver.url, '{}', {}, { allowPrivate: true, timeoutMs: 2_000 });
  expect(redirected).toMatchObject({ ok: false, status: 302, error: 'redirect' });
  expect(receiver.received).toHaveLength(1);

  // Through the outbox: the attempt is logged as refused and nothing reaches the receiver.
  const site = 'wh-ssrf';
  const { subscriptionId } = await saveWebhook(ch, site, {
    url: receiver.url,
    events: ['lead.created'],
    enabled: true,
  });
  const box = outbox(tempDir('wh-ssrf'), false);
  box.start();
  try {
    box.emit({ siteId: site, type: 'lead.created', id: 'evt_ssrf_1', data: {} });
    await expect
      .poll(async () => (await listWebhookDeliveries(ch, site, 5))[0]?.error, { timeout: 10_000 })
      .toBe('refused_address');
    expect(receiver.received).toHaveLength(1);
    // A removed subscription gets nothing more: its pending retries are dropped.
    await removeWebhook(ch, site, subscriptionId);
    await expect.poll(() => box.backlog(), { timeout: 10_000 }).toBe(0);
  } finally {
    await box.close();
    await receiver.close();
  }
});

it('times out a receiver that never answers', async () => {
  const receiver = await startReceiver();
  receiver.server.removeAllListeners('request');
  receiver.server.on('request', () => undefined);
  try {
    const r = await postWebhook(receiver.url, '{}', {}, { allowPrivate: true, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, status: 0, error: 'timeout' });
  } finally {
    await receiver.close();
  }
});

it('delivers a burst of events without a lookup and an insert for each', async () => {
  const site = 'wh-burst';
  const receiver = await startReceiver();
  await saveWebhook(ch, site, { url: receiver.url, events: ['person.identified'], enabled: true });
  // The real client, counted: which statements a burst costs the store.
  const statements: string[] = [];
  const counted = new Proxy(ch, {
    get(target, key, own) {
      const value = Reflect.get(target, key, own) as unknown;
      if (key === 'query') return (p: Parameters<typeof ch.query>[0]) => (statements.push(p.query), target.query(p));
      if (key === 'insert')
        return (p: Parameters<typeof ch.insert>[0]) => (statements.push(`INSERT ${p.table}`), target.insert(p));
      return value;
    },
  });
  const box = new WebhookOutbox({
    ch: counted,
    dir: tempDir('wh-burst'),
    delivery: { allowPrivate: true, timeoutMs: 2_000 },
  });
  box.start();
  const burst = 300;
  try {
    for (let i = 0; i < burst; i++)
      box.emit({ siteId: site, type: 'person.identified', id: `evt_burst_${i}`, data: { i } });
    await expect
      .poll(() => new Set(receiver.received.map((r) => r.headers['leadtrail-event-id'])).size, { timeout: 30_000 })
      .toBe(burst);
    // One lookup and one insert per event and per attempt were 900 statements: the fan-out now
    // costs one lookup and one insert, the attempts share theirs with those running alongside.
    expect(statements.filter((q) => q === 'INSERT webhook_events')).toHaveLength(1);
    expect(statements.filter((q) => q.includes('webhook_subscriptions')).length).toBeLessThan(burst);
    expect(statements.filter((q) => q === 'INSERT webhook_deliveries').length).toBeLessThan(burst);
  } finally {
    await box.close();
    await receiver.close();
  }
}, 60_000);
