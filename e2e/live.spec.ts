import { expect, test } from './support/test';
import { signIn } from './support/session';

// Two people on the one server: an agent watching the Live screen, and a visitor browsing
// the demo shop (it embeds the snippet with site key demo-shop) in a browser context of
// their own. Everything the agent sees is pushed; the spec never reloads the Live screen.
const GRACE_MS = 10_000;

test('an agent sees a visitor arrive, browse and leave, pushed live', async ({ page: agent, browser }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');

  const visitorContext = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
  });
  const shop = await visitorContext.newPage();
  await shop.goto('/demo/products');
  // The snippet has run (and sent its page view) once the visitor id exists.
  const visitorId = String(await (await shop.waitForFunction(() => localStorage.getItem('lt_vid'))).jsonValue());
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row).toBeVisible({ timeout: 1_000 });
  await expect(row.getByTestId('live-current-page')).toContainText('/demo/products');
  await expect(row.getByTestId('live-pages')).toHaveText('1');
  // Once the page is idle the snippet opens its socket: the visitor has a page open.
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 5_000 });

  // The nav badge counts the same feed as the table.
  const count = async () => [
    await agent.getByTestId('live-count').getAttribute('data-count'),
    await agent.getByTestId('live-total').getAttribute('data-total'),
  ];
  await expect.poll(count).toEqual([expect.any(String), expect.any(String)]);
  const [badge, total] = await count();
  expect(badge).toBe(total);
  expect(Number(total)).toBeGreaterThanOrEqual(1);

  // A full page load, then a single-page navigation (the product tabs use pushState).
  await shop.getByRole('link', { name: 'Celadon Tea Set' }).first().click();
  await expect(shop).toHaveURL(/\/demo\/products\/tea-set$/);
  await expect(row.getByTestId('live-current-page')).toContainText('/demo/products/tea-set');
  await expect(row.getByTestId('live-pages')).toHaveText('2');
  await shop.getByRole('link', { name: 'Reviews' }).click();
  await expect(row.getByTestId('live-pages')).toHaveText('3');

  await row.click();
  const drawer = agent.getByTestId('live-drawer');
  await expect(drawer.getByTestId('live-trail-path')).toHaveText([
    '/demo/products',
    '/demo/products/tea-set',
    '/demo/products/tea-set',
  ]);

  // The visitor goes away: after the grace period the row disappears by itself, and the
  // open drawer says so instead of vanishing.
  const closedAt = Date.now();
  await visitorContext.close();
  await expect(row).toHaveCount(0, { timeout: GRACE_MS + 10_000 });
  expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 1_000);
  await expect(drawer.getByTestId('live-left')).toBeVisible();
});
