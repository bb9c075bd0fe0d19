import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../clickhouse/migrate.ts';
import { createApp, type App } from './app.ts';
import { DASHBOARD_BODY_BYTES } from './dashboard-route.ts';
import { listen } from './testing/http.ts';
import { tempDir } from './testing/temp-dir.ts';
import { testStore } from './testing/test-store.ts';

// Real HTTP: what reaches Next (here a stand-in that reads the body) and what is refused first.
const ch = testStore();
let app: App;
let base: string;
const reachedNext: number[] = [];

beforeAll(async () => {
  await migrate(ch);
  app = await createApp({
    ch,
    trustProxy: false,
    flushMs: 5,
    journalDir: tempDir('journal'),
    next: (req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        reachedNext.push(bytes);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('next');
      });
    },
  });
  base = await listen(app.server);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

const signIn = (body: BodyInit, init: RequestInit = {}) =>
  fetch(`${base}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...init,
  });

describe('request bodies for the dashboard', () => {
  it('pass through to Next up to the cap', async () => {
    const small = JSON.stringify({ email: 'admin@leadtrail.local', password: 'x' });
    const res = await signIn(small);
    expect([res.status, await res.text()]).toEqual([200, 'next']);
    expect(reachedNext.at(-1)).toBe(small.length);
    expect((await fetch(`${base}/s/demo-shop/overview`)).status).toBe(200);
  });

  it('are refused with 413 above the cap, before Next reads them', async () => {
    const before = reachedNext.length;
    // The hostile case: a huge email for the schema's regex to walk.
    const res = await signIn(JSON.stringify({ email: `${'a.'.repeat(DASHBOARD_BODY_BYTES)}@x`, password: 'x' }));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than');
    expect(reachedNext.length).toBe(before);
  });

  it('must declare their length (411 for a chunked body)', async () => {
    const before = reachedNext.length;
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email":"'));
        controller.close();
      },
    });
    const res = await signIn(stream, { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(411);
    expect(reachedNext.length).toBe(before);
  });
});
