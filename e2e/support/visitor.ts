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

const NOT_SENT = /^(Not sent: the connection is down|未发送：连接已断开)/;
const REFUSED = /^(Invitation not sent\.|邀请未发送：)/;
const VISITOR_GONE = /(The visitor has left the site\.|访客已离开网站。)$/;

/**
 * Sends the invitation dialog the agent has open and waits for the hub's answer (`answer`, a
 * toast). A send while the agent's link reconnects is refused at once ("Not sent", the dialog
 * stays open, its text kept): it is sent again, as an agent would. In CI one such refusal
 * left the dialog open and the spec waiting for an answer that was never asked for.
 * Any other refusal fails at once with the toast's words, so a failure says why; only "the
 * visitor has left" is tried once more, when `visitorId` is given, after their row is
 * connected again (a page reload drops the socket for a moment).
 */
export async function sendInvitation(
  agent: Page,
  answer: string | RegExp = 'Invitation shown to the visitor',
  visitorId?: string,
) {
  const notSent = agent.getByText(NOT_SENT);
  const refused = agent.getByText(REFUSED);
  const answered = agent.getByText(answer);
  const text = await agent.getByTestId('invite-message').inputValue();
  await agent.getByTestId('invite-send').click();
  await expect(answered.or(refused).or(notSent).first()).toBeVisible({ timeout: 10_000 });
  if (await answered.isVisible()) return;
  if (!(await refused.first().isVisible())) {
    await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open', { timeout: 20_000 });
    await agent.getByTestId('invite-send').click();
    await expect(answered.or(refused).first()).toBeVisible({ timeout: 10_000 });
    if (await answered.isVisible()) return;
  }
  let why = await refused.first().textContent();
  if (visitorId && VISITOR_GONE.test(why ?? '')) {
    const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
    await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 20_000 });
    // The first refusal's toast must go, or it would be read as the answer to the second send.
    await expect(refused).toHaveCount(0, { timeout: 10_000 });
    await row.getByTestId('invite').click();
    await agent.getByTestId('invite-message').fill(text);
    await agent.getByTestId('invite-send').click();
    await expect(answered.or(refused).first()).toBeVisible({ timeout: 10_000 });
    if (await answered.isVisible()) return;
    why = await refused.first().textContent();
  }
  throw new Error(`The invitation was refused: "${why}"`);
}
