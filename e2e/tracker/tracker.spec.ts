import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { CollectPayload } from '../../server/ingest/payload';
import { html, startFixtureServer, STUB } from './fixture-server';

let fx: Awaited<ReturnType<typeof startFixtureServer>>;

test.beforeAll(async () => {
  fx = await startFixtureServer();
  fx.page('/a', html('Page A', `<a id="internal" href="/b">B</a> <a id="out" href="https://example.org/x">out</a> <button id="spa" onclick="history.pushState({},'','/spa-2')">spa</button> <button id="same" onclick="history.replaceState({},'',location.pathname)">same</button> <a id="hash" href="#section">hash</a>`));
  fx.page('/b', html('Page B', 'b'));
  fx.page('/queued', html('Queued', '', 'data-site="site-fixture"', `${STUB}<script>leadtrail('track','early',{n:1});leadtrail('identify',{email:'li@example.com',name:'Li'});</script>`));
  fx.page('/api', html('API', `<button id="order" onclick="leadtrail('order',{id:'o-1',value:99.5,currency:'cny'})">o</button><button id="custom" onclick="leadtrail('track','signup',{plan:'pro',seats:3})">c</button>`));
  fx.page('/dnt', html('DNT', '', 'data-site="site-fixture" data-dnt="true"'));
  fx.page('/nodnt', html('No DNT', ''));
});
test.afterAll(() => fx.server.close());
// A page closed at the end of one test may still beacon (engagement on pagehide) during
// the next: only payloads sent after this test started count.
let testStart = 0;
test.beforeEach(() => {
  fx.received.length = 0;
  testStart = Date.now();
});
const fresh = () => fx.received.filter((p) => p.events.every((e) => (e.ts ?? 0) >= testStart));

// Each event is its own beacon and beacons may arrive out of order: order by client time.
const sorted = () => fresh().flatMap((p) => p.events).sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
const events = () => sorted().map((e) => ({ ...e, ts: undefined }));
const types = () => sorted().map((e) => e.type);
const until = (n: number) => expect.poll(() => fresh().length).toBeGreaterThanOrEqual(n);

test('the built snippet fits the 2,048 B gzip budget', () => {
  expect(gzipSync(readFileSync('tracker/dist/t.js'), { level: 9 }).length).toBeLessThanOrEqual(2048);
});

test('sends a page view on load with ids, referrer, title, screen and language', async ({ page }) => {
  await page.goto(`${fx.base}/b`, { referer: 'https://www.google.com/' });
  await until(1);
  const [p] = fresh() as [CollectPayload];
  expect(p.site).toBe('site-fixture');
  expect(p.visitorId).toMatch(/^[a-z0-9]{16,}$/);
  expect(p.sessionId).toMatch(/^[a-z0-9]{16,}$/);
  expect(p.screen).toMatch(/^\d+x\d+$/);
  expect(p.language).toBeTruthy();
  expect(events()).toEqual([{ type: 'pageview', url: `${fx.base}/b`, referrer: 'https://www.google.com/', title: 'Page B', ts: undefined }]);
});

test('replays calls queued before the script loaded, in order', async ({ page }) => {
  await page.goto(`${fx.base}/queued`);
  await until(3);
  expect(events()).toEqual([
    { type: 'pageview', url: `${fx.base}/queued`, referrer: '', title: 'Queued', ts: undefined },
    { type: 'custom', url: `${fx.base}/queued`, name: 'early', props: { n: 1 }, ts: undefined },
    { type: 'identify', url: `${fx.base}/queued`, email: 'li@example.com', name: 'Li', ts: undefined },
  ]);
});

test('tracks SPA navigation with the previous page as referrer, and engagement for the page left', async ({ page }) => {
  await page.goto(`${fx.base}/a`);
  await until(1);
  await page.waitForTimeout(300);
  await page.click('#spa');
  await until(3);
  expect(types()).toEqual(['pageview', 'engagement', 'pageview']);
  const [, engagement, second] = events();
  expect(engagement).toMatchObject({ type: 'engagement', url: `${fx.base}/a` });
  expect((engagement as { engagedMs: number }).engagedMs).toBeGreaterThanOrEqual(250);
  expect(second).toMatchObject({ type: 'pageview', url: `${fx.base}/spa-2`, referrer: `${fx.base}/a`, title: 'Page A' });
  await page.goBack();
  await until(5);
  expect(types().slice(3)).toEqual(['engagement', 'pageview']);
  expect(events()[4]).toMatchObject({ url: `${fx.base}/a`, referrer: `${fx.base}/spa-2` });
});

test('ignores same-URL replaceState and hash-only changes', async ({ page }) => {
  await page.goto(`${fx.base}/a`);
  await until(1);
  await page.click('#same');
  await page.click('#hash');
  await page.waitForTimeout(300);
  expect(types()).toEqual(['pageview']);
});

test('reports outbound clicks only', async ({ page }) => {
  await page.goto(`${fx.base}/a`);
  await until(1);
  await page.evaluate(() => document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => e.preventDefault())));
  await page.click('#internal');
  await page.click('#out');
  await until(2);
  await page.waitForTimeout(200);
  expect(events().slice(1)).toEqual([{ type: 'outbound', url: `${fx.base}/a`, href: 'https://example.org/x', ts: undefined }]);
});

test('sends custom events and orders through the API', async ({ page }) => {
  await page.goto(`${fx.base}/api`);
  await until(1);
  await page.click('#custom');
  await page.click('#order');
  await until(3);
  expect(events().slice(1)).toEqual([
    { type: 'custom', url: `${fx.base}/api`, name: 'signup', props: { plan: 'pro', seats: 3 }, ts: undefined },
    { type: 'order', url: `${fx.base}/api`, orderId: 'o-1', value: 99.5, currency: 'CNY', ts: undefined },
  ]);
});

test('keeps the visitor id across visits and renews the session after 30 idle minutes', async ({ page }) => {
  await page.goto(`${fx.base}/b`);
  await until(1);
  await page.goto(`${fx.base}/a`);
  await until(2);
  const [first, second] = fresh() as [CollectPayload, CollectPayload];
  expect(second.visitorId).toBe(first.visitorId);
  expect(second.sessionId).toBe(first.sessionId);
  await page.evaluate(() => localStorage.setItem('lt_last', String(Date.now() - 31 * 60 * 1000)));
  await page.goto(`${fx.base}/b`);
  await until(4);
  const third = fresh()[fresh().length - 1] as CollectPayload;
  expect(third.visitorId).toBe(first.visitorId);
  expect(third.sessionId).not.toBe(first.sessionId);
});

test('honours Do-Not-Track only where the site asks for it', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'doNotTrack', { get: () => '1' }));
  await page.goto(`${fx.base}/dnt`);
  await page.waitForTimeout(500);
  expect(fresh()).toEqual([]);
  await page.goto(`${fx.base}/nodnt`);
  await until(1);
  expect(types()).toContain('pageview');
});

test('reports exit intent once per page view', async ({ page }) => {
  await page.goto(`${fx.base}/b`);
  await until(1);
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null, bubbles: true })));
  }
  await until(2);
  await page.waitForTimeout(200);
  expect(types()).toEqual(['pageview', 'exit_intent']);
});
