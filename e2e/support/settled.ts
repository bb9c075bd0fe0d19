import type { Page } from '@playwright/test';

/**
 * Waits after each navigation until the page has had no request in flight for `quietMs`:
 * Playwright's `networkidle` waits 500 ms of quiet, which a walk over thirty screens paid thirty
 * times. Sockets are not requests, so a live screen's WebSocket does not keep it busy.
 */
export function trackRequests(page: Page, quietMs = 150): () => Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (by: number) => {
    inFlight += by;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return async () => {
    await page.waitForLoadState('load');
    while (inFlight > 0 || Date.now() - lastChange < quietMs) await page.waitForTimeout(25);
  };
}
