import { expect, test, type Locator, type Page } from './support/test';
import { signIn } from './support/session';
import { widget } from './support/visitor';

// A phone (390 × 844): the screens an agent or a manager opens on the go fit the width, the
// menu folds behind a button, and the demo shop's chat stays on screen. Screenshots go to
// /tmp/phone-*.png for a person to look at.

const SITE = 'fixture-a';
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const pageWidth = (page: Page) =>
  page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));

async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/phone-${name}.png`, fullPage: true });
  const { scroll, inner } = await pageWidth(page);
  expect(scroll, `${name}: page is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
}

const box = async (l: Locator) => (await l.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('Overview, Conversion, Live, Chats and Leads fit a 390 px phone', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  const screens: [string, (p: Page) => Locator][] = [
    ['overview', (p) => p.getByTestId('kpi-visitors').getByTestId('kpi-value')],
    ['conversion', (p) => p.getByTestId('report-toolbar')],
    ['live', (p) => p.getByTestId('live-status')],
    ['chats', (p) => p.getByTestId('canned-open')],
    ['leads', (p) => p.getByRole('table')],
  ];
  for (const [screen, ready] of screens) {
    await page.goto(`/s/${SITE}/${screen}?range=90d`);
    await expect(ready(page).first()).toBeVisible();
    // Tables and charts settle after their data arrives.
    await page.waitForLoadState('networkidle');
    await expectNoSidewaysScroll(page, screen);
  }
});

test('on a phone the menu opens from the header button and navigates; site, language and account are reachable', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/s/${SITE}/overview`);
  const menu = page.getByTestId('nav-menu');
  await expect(menu.getByRole('link', { name: 'Leads' })).not.toBeInViewport();
  await page.getByTestId('menu-toggle').click();
  // The open menu starts at the top; Leads is further down a menu of some 27 screens.
  await expect(menu.getByRole('link', { name: 'Overview' })).toBeInViewport();
  await menu.getByRole('link', { name: 'Leads' }).scrollIntoViewIfNeeded();
  await expect(menu.getByRole('link', { name: 'Leads' })).toBeInViewport();
  await page.screenshot({ path: '/tmp/phone-menu.png' });
  await menu.getByRole('link', { name: 'Leads' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/leads`));
  await expect(menu.getByRole('link', { name: 'Leads' })).not.toBeInViewport();

  for (const id of ['site-picker', 'language-switch', 'account-menu'])
    await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  await page.getByTestId('site-picker').click();
  await expect(page.locator('.ant-select-item-option').filter({ hasText: 'Fixture B' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await page.getByTestId('account-menu').click();
  await expect(page.getByRole('menuitem', { name: 'Account and security' })).toBeInViewport();
  await page.keyboard.press('Escape');
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(page.getByTestId('menu-toggle')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 })).toContainText('线索');
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.getByRole('heading', { level: 3 })).toContainText('Leads');
  await expectNoSidewaysScroll(page, 'leads-header');
});

test('the demo shop fits a phone and its chat stays on screen', async ({ page }) => {
  await page.goto('/demo/products');
  const launcher = widget(page, 'launcher');
  await expect(launcher).toBeInViewport({ ratio: 1, timeout: 10_000 });
  await expectNoSidewaysScroll(page, 'shop');
  await launcher.click();
  const panel = widget(page, 'panel');
  await expect(panel).toBeInViewport({ ratio: 1 });
  // The open panel is not drawn over the launcher: on a phone the launcher steps aside.
  if (await launcher.isVisible()) expect(overlaps(await box(panel), await box(launcher))).toBe(false);
  await page.screenshot({ path: '/tmp/phone-shop-panel.png' });
  await expectNoSidewaysScroll(page, 'shop-open');
  await widget(page, 'panel').getByRole('button', { name: 'Close' }).click();
  await expect(launcher).toBeInViewport({ ratio: 1 });
});

test('the desktop keeps its side menu at 1440 px', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto(`/s/${SITE}/overview?range=90d`);
  await expect(page.getByTestId('kpi-visitors').getByTestId('kpi-value')).toBeVisible();
  await expect(page.getByTestId('nav-menu').getByRole('link', { name: 'Leads' })).toBeInViewport();
  await expect(page.getByTestId('menu-toggle')).toBeHidden();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: '/tmp/phone-desktop-1440.png', fullPage: true });
});

test('a chat on two phones: the agent console and Live fit, the widget says once that the chat ended and its rating fits', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
    viewport: PHONE,
  });
  const shop = await context.newPage();
  await shop.goto('/demo/products');
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  await widget(shop, 'launcher').click();
  await widget(shop, 'prechat').getByLabel('Name').fill('Phone Visitor');
  await widget(shop, 'prechat').getByLabel('How can we help?').fill('Is the kettle 220 V?');
  await widget(shop, 'start').click();
  await expect(widget(shop, 'status')).toContainText('You are chatting with');
  await expect(widget(shop, 'panel')).toBeInViewport({ ratio: 1 });
  await expect(widget(shop, 'launcher')).toBeHidden();

  await agent.getByTestId('chat-item').filter({ hasText: 'Phone Visitor' }).click();
  await expect(agent.getByTestId('transcript').getByTestId('chat-message')).toHaveText([/Is the kettle 220 V\?/]);
  await expectNoSidewaysScroll(agent, 'chats-open');
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await expect(widget(shop, 'panel').getByText('The chat has ended.')).toHaveCount(1);
  const panel = (await widget(shop, 'panel').boundingBox())!;
  for (let n = 1; n <= 5; n++) {
    const star = (await widget(shop, `star-${n}`).boundingBox())!;
    expect(star.x >= panel.x && star.x + star.width <= panel.x + panel.width, `star ${n} inside the panel`).toBe(true);
  }
  await shop.screenshot({ path: '/tmp/phone-widget-rating.png' });
  await widget(shop, 'star-4').click();
  await expect(agent.getByTestId('chat-rating')).toHaveText('Rated 4/5');
  // The visitor is still on the shop: Live lists them, in a table that scrolls in its card.
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-table').locator('tr.ant-table-row').first()).toBeVisible({ timeout: 10_000 });
  await expectNoSidewaysScroll(agent, 'live-visitor');
  await context.close();
});
