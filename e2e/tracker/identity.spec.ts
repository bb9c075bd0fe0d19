import { expect, test, type Page } from '@playwright/test';
import { setVisibility, settle, stopTheClock, useTrackerServer } from './fixture-server';

const fx = useTrackerServer();
const ID = /^[A-Za-z0-9]{16,64}$/;

/** Payloads in the order their events happened, reduced to what identifies them. */
function sentBy() {
  return [...fx.received]
    .sort((a, b) => (a.payload.events[0]?.ts ?? 0) - (b.payload.events[0]?.ts ?? 0))
    .map(({ payload: p }) => ({ type: p.events[0]?.type, visitorId: p.visitorId, sessionId: p.sessionId }));
}

test('the visitor id survives reloads; the session survives 29 idle minutes and is renewed after 30', async ({
  page,
}) => {
  await stopTheClock(page);
  await page.goto(fx.url('/plain'));
  await page.reload();
  await page.clock.fastForward('29:00');
  await page.evaluate(() => window.leadtrail?.('track', 'after-29-minutes'));
  await page.clock.fastForward('30:01');
  await page.evaluate(() => window.leadtrail?.('track', 'after-30-minutes'));
  // Hidden first, so the reload's pagehide has no engagement left to send.
  await setVisibility(page, 'hidden');
  // The frozen clock would give the next page's view the engagement's instant.
  await page.clock.fastForward(1000);
  await page.reload();
  await expect.poll(() => fx.received.length).toBe(6);
  await settle();

  const v = sentBy()[0]?.visitorId;
  const first = sentBy()[0]?.sessionId;
  const renewed = sentBy()[3]?.sessionId;
  expect(v).toMatch(ID);
  expect(renewed).toMatch(ID);
  expect(renewed).not.toBe(first);
  expect(sentBy()).toEqual([
    { type: 'pageview', visitorId: v, sessionId: first },
    { type: 'pageview', visitorId: v, sessionId: first },
    { type: 'custom', visitorId: v, sessionId: first },
    { type: 'custom', visitorId: v, sessionId: renewed },
    { type: 'engagement', visitorId: v, sessionId: renewed },
    { type: 'pageview', visitorId: v, sessionId: renewed },
  ]);
});

test('without localStorage (privacy modes) ids live in memory for the page', async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    }),
  );
  await stopTheClock(page);
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => window.leadtrail?.('track', 'second'));
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'custom', url, name: 'second' },
  ]);
  const [a, b] = fx.received.map((r) => r.payload);
  expect(a?.visitorId).toMatch(ID);
  expect([b?.visitorId, b?.sessionId]).toEqual([a?.visitorId, a?.sessionId]);
});

test('a stored id the contract would refuse is replaced', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('lt_vid', 'not an id!');
      localStorage.setItem('lt_sid', 'short');
      localStorage.setItem('lt_last', String(Date.now()));
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto(fx.url('/plain'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' }]);
  const [{ payload }] = fx.received as [(typeof fx.received)[number]];
  expect(payload.visitorId).toMatch(ID);
  expect(payload.sessionId).toMatch(ID);
  expect(await page.evaluate(() => localStorage.getItem('lt_vid'))).toBe(payload.visitorId);
});

/** Every request to a collect endpoint and every WebSocket the page opens, whatever the server does with them. */
function collectRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/collect')) urls.push(r.url());
  });
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

const doNotTrack = (page: Page) =>
  page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));

test('Do-Not-Track on a site that honours it: nothing is sent or stored', async ({ page }) => {
  await doNotTrack(page);
  const requests = collectRequests(page);
  await page.goto(fx.url('/dnt'));
  await page.evaluate(() => window.leadtrail?.('track', 'ignored'));
  await page.mouse.move(100, 100);
  await page.mouse.move(100, -10, { steps: 3 });
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  // Long enough for presence, which waits for the page to be idle (at most 1.5 s), to have connected.
  await settle(2000);
  await page.close({ runBeforeUnload: true });
  await settle(500);
  expect(requests).toEqual([]);
  expect(fx.received).toEqual([]);
});

test('window.doNotTrack (older browsers) counts as Do-Not-Track too', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => null });
    Object.defineProperty(window, 'doNotTrack', { value: '1' });
  });
  const requests = collectRequests(page);
  await page.goto(fx.url('/dnt'));
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await settle(500);
  expect(requests).toEqual([]);
  expect(fx.received).toEqual([]);
});

test('Do-Not-Track is ignored where the site does not ask for it, and data-dnt alone changes nothing', async ({
  page,
}) => {
  await stopTheClock(page);
  await page.goto(fx.url('/dnt'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/dnt'), referrer: '', title: 'DNT respected' }]);
  await doNotTrack(page);
  const requests = collectRequests(page);
  await page.goto(fx.url('/plain'));
  expect(await page.evaluate(() => navigator.doNotTrack)).toBe('1');
  // The control for the specs above: tracking pages do open presence's WebSocket once idle;
  // the paused clock has to be moved past presence's idle wait (at most 1.5 s).
  await page.clock.runFor(2_000);
  await expect.poll(() => requests.filter((url) => url.endsWith('/ws/visitor')).length).toBeGreaterThan(0);
  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/dnt'), referrer: '', title: 'DNT respected' },
    { type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' },
  ]);
});

test('without sendBeacon the event goes by fetch, still as text/plain', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: undefined }));
  await page.goto(fx.url('/plain'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' }]);
  expect(fx.received.map((r) => r.contentType)).toEqual(['text/plain']);
});

test('a beacon the browser refuses goes by fetch instead, once', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: () => false }));
  await page.goto(fx.url('/plain'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' }]);
  expect(fx.received.map((r) => r.contentType)).toEqual(['text/plain']);
});

test('data-api sends to another endpoint', async ({ page }) => {
  await page.goto(fx.url('/custom-api'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/custom-api'), referrer: '', title: 'Custom endpoint' }]);
  expect(fx.received.map((r) => r.path)).toEqual(['/alt/collect']);
});

test('the tag twice on a page counts once', async ({ page }) => {
  await page.goto(fx.url('/twice'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/twice'), referrer: '', title: 'Tag twice' }]);
});

test('evaluated without document.currentScript (tag managers), the script[data-site] tag configures it', async ({
  page,
}) => {
  await page.goto(fx.url('/tag-manager'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/tag-manager'), referrer: '', title: 'Tag manager' }]);
  expect(fx.received.map((r) => r.path)).toEqual(['/api/collect']);
});
