import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './support/session';

async function demoKpis(request: APIRequestContext, preset: 'today' | '90d') {
  const input = encodeURIComponent(JSON.stringify({ siteId: 'demo-shop', range: { preset }, filters: {} }));
  const res = await request.get(`/api/trpc/report.overview?input=${input}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { result: { data: { current: { pageviews: number; visitors: number; sessions: number } } } }).result.data.current;
}

test('first start has a demo site with 90 days of history', async ({ page }) => {
  await signIn(page);
  const totals = await demoKpis(page.request, '90d');
  expect(totals.pageviews).toBeGreaterThan(300);
  expect(totals.visitors).toBeGreaterThan(50);
});

test('demo shop page views are in ClickHouse within a second', async ({ page, browser }) => {
  await signIn(page);
  const before = await demoKpis(page.request, 'today');
  const visitorContext = await browser.newContext();
  const shop = await visitorContext.newPage();
  const accepted = shop.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await shop.goto('/demo/');
  await accepted;
  await expect.poll(async () => (await demoKpis(page.request, 'today')).pageviews, { timeout: 1000 }).toBe(before.pageviews + 1);

  await shop.getByRole('link', { name: 'Pricing' }).first().click();
  await expect.poll(async () => (await demoKpis(page.request, 'today')).pageviews, { timeout: 1500 }).toBe(before.pageviews + 2);
  const after = await demoKpis(page.request, 'today');
  expect(after.sessions).toBe(before.sessions + 1);
  await visitorContext.close();
});
