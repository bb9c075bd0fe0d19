import { expect, test } from '@playwright/test';
import { setVisibility, stopTheClock, useTrackerServer } from './fixture-server';

const fx = useTrackerServer();
const ID = /^[A-Za-z0-9]{16,64}$/;

test('a page view on load carries the referrer, title, screen, language and first-party ids', async ({ page }) => {
  await page.goto(fx.url('/plain'), { referer: 'https://www.google.com/search?q=leadtrail' });
  await fx.expectEvents([
    {
      type: 'pageview',
      url: fx.url('/plain'),
      referrer: 'https://www.google.com/search?q=leadtrail',
      title: 'Plain page',
    },
  ]);

  const [{ path, contentType, payload }] = fx.received as [(typeof fx.received)[number]];
  expect(path).toBe('/api/collect');
  expect(contentType).toBe('text/plain;charset=UTF-8');
  const { screen, language } = await page.evaluate(() => ({
    screen: `${window.screen.width}x${window.screen.height}`,
    language: navigator.language,
  }));
  expect(payload).toMatchObject({ site: 'fixture-site', screen, language });
  expect(payload.visitorId).toMatch(ID);
  expect(payload.sessionId).toMatch(ID);
  expect(payload.sessionId).not.toBe(payload.visitorId);
  expect(await page.evaluate(() => [localStorage.getItem('lt_vid'), localStorage.getItem('lt_sid')])).toEqual([
    payload.visitorId,
    payload.sessionId,
  ]);
});

test('a first page view without a referrer sends an empty one', async ({ page }) => {
  await page.goto(fx.url('/other'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/other'), referrer: '', title: 'Other page' }]);
});

test('calls queued before t.js loaded are replayed in order after the page view, then the live API takes over', async ({
  page,
}) => {
  const url = fx.url('/queued');
  await page.goto(url);
  const replayed = [
    { type: 'pageview', url, referrer: '', title: 'Queued calls' },
    { type: 'custom', url, name: 'early', props: { n: 1 } },
    { type: 'identify', url, name: 'Li Lei', email: 'li@example.com' },
    { type: 'order', url, orderId: 'A-1', value: 10, currency: 'EUR' },
  ];
  await fx.expectEvents(replayed);

  expect(await page.evaluate(() => window.leadtrail && 'q' in window.leadtrail)).toBe(false);
  await page.evaluate(() => window.leadtrail?.('track', 'late'));
  await fx.expectEvents([...replayed, { type: 'custom', url, name: 'late' }]);
});

test('pushState: engagement for the page left, then a page view whose referrer is that page', async ({ page }) => {
  await stopTheClock(page);
  await page.goto(fx.url('/spa'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' }]);

  await page.clock.fastForward(2500);
  await page.evaluate(() => history.pushState({}, '', '/spa/pricing?plan=pro'));
  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' },
    // The SPA page is taller than the window: how far was seen depends on its layout.
    { type: 'engagement', url: fx.url('/spa'), engagedMs: 2500, scrollPct: expect.any(Number) },
    { type: 'pageview', url: fx.url('/spa/pricing?plan=pro'), referrer: fx.url('/spa'), title: 'SPA shell' },
  ]);
});

test('no page view for replaceState to the same URL or for hash-only changes; a changed query is a new page', async ({
  page,
}) => {
  await stopTheClock(page);
  await page.goto(fx.url('/spa'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' }]);

  await page.evaluate(() => history.replaceState({ step: 2 }, '', location.href));
  await page.click('#to-section');
  await page.evaluate(() => (location.hash = 'elsewhere'));
  await page.evaluate(() => history.pushState({}, '', '#pushed'));
  await page.evaluate(() => history.replaceState({}, '', '/spa#replaced'));
  await page.goBack();
  expect(page.url()).toBe(fx.url('/spa#elsewhere'));
  await page.evaluate(() => history.replaceState({}, '', '/spa?tab=2'));

  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' },
    { type: 'pageview', url: fx.url('/spa?tab=2'), referrer: fx.url('/spa'), title: 'SPA shell' },
  ]);
});

test('popstate (back and forward) is a page view; a page seen for 0 ms sends no engagement', async ({ page }) => {
  await stopTheClock(page);
  await page.goto(fx.url('/spa'));
  await page.evaluate(() => history.pushState({}, '', '/spa/a'));
  await page.clock.fastForward(1200);
  await page.goBack();
  await page.goForward();

  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' },
    { type: 'pageview', url: fx.url('/spa/a'), referrer: fx.url('/spa'), title: 'SPA shell' },
    { type: 'engagement', url: fx.url('/spa/a'), engagedMs: 1200, scrollPct: expect.any(Number) },
    { type: 'pageview', url: fx.url('/spa'), referrer: fx.url('/spa/a'), title: 'SPA shell' },
    { type: 'pageview', url: fx.url('/spa/a'), referrer: fx.url('/spa'), title: 'SPA shell' },
  ]);
});

test('engagement counts visible time only: sent when the tab is hidden and when the page goes away', async ({
  page,
}) => {
  await stopTheClock(page);
  await page.goto(fx.url('/plain'));
  await page.clock.fastForward(3000);
  await setVisibility(page, 'hidden');
  await page.clock.fastForward(60_000);
  await setVisibility(page, 'visible');
  await page.clock.fastForward(2000);
  await page.close({ runBeforeUnload: true });

  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' },
    // The plain page fits in the window: seen to its end.
    { type: 'engagement', url: fx.url('/plain'), engagedMs: 3000, scrollPct: 100 },
    { type: 'engagement', url: fx.url('/plain'), engagedMs: 2000, scrollPct: 100 },
  ]);
});

test('a page hidden when it goes away has nothing more to report', async ({ page }) => {
  await stopTheClock(page);
  await page.goto(fx.url('/plain'));
  await page.clock.fastForward(1500);
  await setVisibility(page, 'hidden');
  await page.clock.fastForward(5000);
  await page.close({ runBeforeUnload: true });

  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' },
    { type: 'engagement', url: fx.url('/plain'), engagedMs: 1500, scrollPct: 100 },
  ]);
});

test('leaving for another page sends the engagement of the page left', async ({ page }) => {
  await stopTheClock(page);
  await page.goto(fx.url('/plain'));
  await fx.expectEvents([{ type: 'pageview', url: fx.url('/plain'), referrer: '', title: 'Plain page' }]);
  await page.clock.fastForward(4000);
  await page.goto(fx.url('/other'));

  // Both pages stamp the same frozen instant: compare by page, not by order.
  await expect.poll(() => fx.received.length).toBe(3);
  expect(fx.received.map((r) => r.payload.events)).toEqual([
    [expect.objectContaining({ type: 'pageview', url: fx.url('/plain') })],
    [expect.objectContaining({ type: 'engagement', url: fx.url('/plain'), engagedMs: 4000 })],
    [expect.objectContaining({ type: 'pageview', url: fx.url('/other'), referrer: '' })],
  ]);
});
