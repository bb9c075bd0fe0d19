import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

/** A visitor in a browser of their own on the demo shop, whose page loads the chat widget (w.js) once idle. */
export async function visitorPage(
  browser: Browser,
  testInfo: TestInfo,
  options: { timezoneId?: string } = {},
): Promise<{ shop: Page; visitorId: string; close: () => Promise<void> }> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
    ...options,
  });
  const shop = await context.newPage();
  await shop.goto('/demo/products');
  const visitorId = String(await (await shop.waitForFunction(() => localStorage.getItem('lt_vid'))).jsonValue());
  return { shop, visitorId, close: () => context.close() };
}

/** A part of the widget (open shadow root) by its data-lt name. */
export const widget = (shop: Page, part: string) => shop.locator(`#leadtrail-widget [data-lt="${part}"]`);
export const bubbles = (shop: Page) => widget(shop, 'messages').locator('.bubble');

/** The visitor asks through the pre-chat form (an agent must be online) and waits until the chat is open. */
export async function startPrechat(
  shop: Page,
  form: { name: string; email?: string; question: string },
): Promise<void> {
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us', { timeout: 15_000 });
  await widget(shop, 'launcher').click();
  const prechat = widget(shop, 'prechat');
  await prechat.getByLabel('Name').fill(form.name);
  if (form.email) await prechat.getByLabel('Email').fill(form.email);
  await prechat.getByLabel('How can we help?').fill(form.question);
  await widget(shop, 'start').click();
  await expect(widget(shop, 'status')).toContainText('You are chatting with');
}

/**
 * Another browser that knows only the visitor's ids (dashboard URLs and CSV show the visitor
 * id; the visit's ids too, so the visitor's profile still shows one visit), on a shop page.
 */
export async function sameVisitorElsewhere(
  browser: Browser,
  testInfo: TestInfo,
  shop: Page,
  locale?: string,
): Promise<{ spy: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
    locale,
  });
  const ids = await shop.evaluate(() => ['lt_vid', 'lt_sid', 'lt_last'].map((k) => [k, localStorage.getItem(k) ?? '']));
  await context.addInitScript((pairs) => pairs.forEach(([k, v]) => localStorage.setItem(k!, v!)), ids);
  const spy = await context.newPage();
  await spy.goto('/demo/products');
  return { spy, close: () => context.close() };
}
