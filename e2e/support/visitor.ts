import type { Browser, Page, TestInfo } from '@playwright/test';

/** A visitor in a browser of their own on the demo shop, whose page loads the chat widget (w.js) once idle. */
export async function visitorPage(browser: Browser, testInfo: TestInfo): Promise<{ shop: Page; visitorId: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, userAgent: testInfo.project.use.userAgent });
  const shop = await context.newPage();
  await shop.goto('/demo/products');
  const visitorId = String(await (await shop.waitForFunction(() => localStorage.getItem('lt_vid'))).jsonValue());
  return { shop, visitorId, close: () => context.close() };
}

/** A part of the widget (open shadow root) by its data-lt name. */
export const widget = (shop: Page, part: string) => shop.locator(`#leadtrail-widget [data-lt="${part}"]`);
export const bubbles = (shop: Page) => widget(shop, 'messages').locator('.bubble');

/**
 * Another browser that knows only the visitor's ids (dashboard URLs and CSV show the visitor
 * id; the visit's ids too, so the visitor's profile still shows one visit), on a shop page.
 */
export async function sameVisitorElsewhere(browser: Browser, testInfo: TestInfo, shop: Page, locale?: string): Promise<{ spy: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, userAgent: testInfo.project.use.userAgent, locale });
  const ids = await shop.evaluate(() => ['lt_vid', 'lt_sid', 'lt_last'].map((k) => [k, localStorage.getItem(k) ?? '']));
  await context.addInitScript((pairs) => pairs.forEach(([k, v]) => localStorage.setItem(k!, v!)), ids);
  const spy = await context.newPage();
  await spy.goto('/demo/products');
  return { spy, close: () => context.close() };
}
