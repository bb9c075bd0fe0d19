import { expect, test } from '@playwright/test';
import { signIn } from './support/session';

test('an agent sees a visitor arrive, browse and leave, pushed live', async ({ page: agent, browser }) => {
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toContainText('Live');
  const rows = agent.locator('[data-testid="live-table"] tbody tr.ant-table-row');
  const before = await rows.count();

  const visitorContext = await browser.newContext();
  const shop = await visitorContext.newPage();
  await shop.goto('/demo/products');
  const visitorId = await shop.evaluate(() => localStorage.getItem('lt_vid'));
  const row = agent.locator('[data-testid="live-table"] tbody tr.ant-table-row', { hasText: `· ${visitorId?.slice(0, 6)}` });
  await expect(row).toBeVisible({ timeout: 1000 });
  await expect(row.getByTestId('live-current-page')).toContainText('/demo/products');

  await shop.getByRole('link', { name: 'Celadon Tea Set' }).first().click();
  await expect(row.getByTestId('live-current-page')).toContainText('/demo/products/tea-set');
  await expect(row.getByTestId('live-pages')).toHaveText('2');
  await row.locator('.ant-table-row-expand-icon').click();
  await expect(agent.getByTestId('live-trail-path')).toHaveText(['/demo/products', '/demo/products/tea-set']);
  await expect(agent.getByTestId('live-count')).toContainText(String(before + 1));

  await visitorContext.close();
  await expect(row).toHaveCount(0, { timeout: 20_000 });
});
