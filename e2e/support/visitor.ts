import type { Browser, Page, TestInfo } from '@playwright/test';

/** A visitor in a browser of their own on the demo shop, whose page loads the chat widget (w.js) once idle. */
export async function visitorPage(browser: Browser, testInfo: TestInfo, options: { timezoneId?: string } = {}): Promise<{ shop: Page; visitorId: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, userAgent: testInfo.project.use.userAgent, ...options });
  const shop = await context.newPage();
  await shop.goto('/demo/products');
  const visitorId = String(await (await shop.waitForFunction(() => localStorage.getItem('lt_vid'))).jsonValue());
  return { shop, visitorId, close: () => context.close() };
}

/** A part of the widget (open shadow root) by its data-lt name. */
export const widget = (shop: Page, part: string) => shop.locator(`#leadtrail-widget [data-lt="${part}"]`);
export const bubbles = (shop: Page) => widget(shop, 'messages').locator('.bubble');
