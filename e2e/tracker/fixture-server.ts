import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { collectPayload, type CollectPayload } from '../../server/ingest/payload';

export const TRACKER_FILE = fileURLToPath(new URL('../../tracker/dist/t.js', import.meta.url));
const WIDGET_FILE = fileURLToPath(new URL('../../tracker/dist/w.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/tracker/', import.meta.url));
const COLLECT_PATHS = new Set(['/api/collect', '/alt/collect']);

export interface Received {
  path: string;
  contentType: string;
  payload: CollectPayload;
}

/** An event as the specs compare it: the client time the snippet stamps is checked, then dropped. */
export type SentEvent = Record<string, unknown>;

/**
 * A real HTTP server for the tracker specs: the BUILT snippet at /t.js, the pages of
 * e2e/fixtures/tracker at /<name>, and a collect endpoint that validates every body
 * against the ingest contract and records it.
 *
 * A page closed at the end of one test can still beacon (its engagement on pagehide)
 * while the next test runs. Every test has a fresh browser context and so a fresh visitor
 * id: reset() retires the ids seen so far, and late payloads carrying them are dropped.
 */
export class TrackerServer {
  base = '';
  /** This test's payloads, in arrival order. */
  readonly received: Received[] = [];
  /** Bodies the contract refused, with the reason: any of them is a bug in the snippet. */
  readonly refused: string[] = [];
  private readonly retired = new Set<string>();
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return this.base + path;
  }

  reset(): void {
    for (const r of this.received) this.retired.add(r.payload.visitorId);
    this.received.length = 0;
    this.refused.length = 0;
  }

  /** This test's events ordered by the client time the snippet stamps (one beacon per event, and beacons may overtake each other). */
  events(): SentEvent[] {
    const all = this.received.flatMap((r) => r.payload.events);
    for (const e of all) expect(e.ts, 'every event carries its client time').toEqual(expect.any(Number));
    return all.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0)).map(({ ts: _ts, ...event }) => event);
  }

  /** Waits for as many events as expected, gives a stray extra one time to arrive, then compares the exact list. */
  async expectEvents(expected: SentEvent[]): Promise<void> {
    await expect
      .poll(() => this.events().length, { message: `waiting for ${expected.length} events` })
      .toBeGreaterThanOrEqual(expected.length);
    await settle();
    expect(this.events()).toEqual(expected);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://fixture').pathname;
    if (req.method === 'POST' && COLLECT_PATHS.has(path)) return this.collect(req, res, path);
    if (path === '/t.js' || path === '/w.js') {
      const file = path === '/t.js' ? TRACKER_FILE : WIDGET_FILE;
      if (!existsSync(file))
        return reply(res, 500, 'text/plain', `tracker/dist${path} is missing: run npm run build:tracker`);
      return reply(res, 200, 'text/javascript', readFileSync(file));
    }
    const page = /^\/([a-z-]+)$/.exec(path)?.[1];
    const file = page && `${FIXTURES}${page}.html`;
    if (file && existsSync(file)) return reply(res, 200, 'text/html; charset=utf-8', readFileSync(file));
    reply(res, 404, 'text/plain', 'not found');
  }

  private collect(req: IncomingMessage, res: ServerResponse, path: string): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: ReturnType<typeof collectPayload.safeParse>;
      try {
        parsed = collectPayload.safeParse(JSON.parse(body));
      } catch {
        this.refused.push(`not JSON: ${body}`);
        return reply(res, 400, 'text/plain', 'not JSON');
      }
      if (!parsed.success) {
        this.refused.push(`${parsed.error.message}\n${body}`);
        return reply(res, 400, 'text/plain', 'invalid payload');
      }
      if (!this.retired.has(parsed.data.visitorId)) {
        this.received.push({ path, contentType: req.headers['content-type'] ?? '', payload: parsed.data });
      }
      reply(res, 202, 'text/plain', 'accepted');
    });
  }
}

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Time for a beacon that should not have been sent to show up anyway. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** One server per spec file; every test starts with an empty record and ends with no refused body. */
export function useTrackerServer(): TrackerServer {
  const server = new TrackerServer();
  test.beforeAll(() => server.start());
  test.afterAll(() => server.close());
  test.beforeEach(() => server.reset());
  test.afterEach(() => expect(server.refused, 'bodies the ingest contract refused').toEqual([]));
  return server;
}

/** Headless Chromium never hides a tab: the specs switch document.visibilityState themselves. */
export async function setVisibility(page: Page, state: DocumentVisibilityState): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** A fake clock standing still, so engagement times are exact; the specs move it with fastForward. */
export async function stopTheClock(page: Page): Promise<void> {
  await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
  await page.clock.pauseAt(new Date('2026-03-02T09:00:01Z'));
}
