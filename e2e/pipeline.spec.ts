import { expect, test, type APIRequestContext } from '@playwright/test';

interface SiteTotals {
  id: string;
  events: number;
  pageviews: number;
  visitors: number;
}

async function demoTotals(request: APIRequestContext): Promise<SiteTotals> {
  const res = await request.get('/api/trpc/site.list');
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { result: { data: SiteTotals[] } };
  const demo = body.result.data.find((s) => s.id === 'demo-shop');
  if (!demo) throw new Error('demo site missing');
  return demo;
}

test('first start has a demo site with history', async ({ request }) => {
  const totals = await demoTotals(request);
  expect(totals.events).toBeGreaterThan(1000);
  expect(totals.visitors).toBeGreaterThan(10);
});

test('demo shop page views are in ClickHouse within a second', async ({ page, request }) => {
  const before = await demoTotals(request);
  const accepted = page.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  const started = Date.now();
  await page.goto('/demo/');
  await accepted;
  await expect.poll(async () => (await demoTotals(request)).pageviews, { timeout: 1000 }).toBe(before.pageviews + 1);
  expect(Date.now() - started).toBeLessThan(2000);

  const second = page.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await page.getByRole('link', { name: /pricing/i }).first().click();
  await second;
  await expect.poll(async () => (await demoTotals(request)).pageviews, { timeout: 1000 }).toBe(before.pageviews + 2);
});

test('the status page shows the stored totals', async ({ page, request }) => {
  await page.goto('/');
  const row = page.locator('tr[data-site="demo-shop"]');
  await expect(row).toBeVisible();
  const totals = await demoTotals(request);
  await expect(row.locator('[data-col="pageviews"]')).toHaveText(new Intl.NumberFormat('en-US').format(totals.pageviews));
});
