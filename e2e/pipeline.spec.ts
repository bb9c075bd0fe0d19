import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './support/session';

async function demoKpis(request: APIRequestContext, preset: 'today' | '90d') {
  const input = encodeURIComponent(JSON.stringify({ siteId: 'demo-shop', range: { preset }, filters: {} }));
  const res = await request.get(`/api/trpc/report.overview?input=${input}`);
  expect(res.ok()).toBe(true);
  return (
    (await res.json()) as { result: { data: { current: { pageviews: number; visitors: number; sessions: number } } } }
  ).result.data.current;
}

test('first start has a demo site with 90 days of history', async ({ page }) => {
  await signIn(page);
  const totals = await demoKpis(page.request, '90d');
  expect(totals.pageviews).toBeGreaterThan(300);
  expect(totals.visitors).toBeGreaterThan(50);
});

/**
 * Milliseconds from now until a report query that starts then counts `pageviews` today: the
 * time the events take to be queryable, without the report query's own duration.
 */
async function msUntilPageviews(request: APIRequestContext, pageviews: number): Promise<number> {
  const from = Date.now();
  let startedAt = 0;
  await expect
    .poll(
      async () => {
        const start = Date.now();
        const seen = (await demoKpis(request, 'today')).pageviews;
        if (seen === pageviews) startedAt = start;
        return seen;
      },
      { timeout: 10_000, intervals: [50] },
    )
    .toBe(pageviews);
  return startedAt - from;
}

test('demo shop page views are in ClickHouse within a second', async ({ page, browser }) => {
  await signIn(page);
  const before = await demoKpis(page.request, 'today');
  const visitorContext = await browser.newContext();
  const shop = await visitorContext.newPage();
  const accepted = shop.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await shop.goto('/demo/');
  await accepted;
  expect(await msUntilPageviews(page.request, before.pageviews + 1)).toBeLessThan(1000);

  await shop.getByRole('link', { name: 'Pricing' }).first().click();
  expect(await msUntilPageviews(page.request, before.pageviews + 2)).toBeLessThan(1500);
  const after = await demoKpis(page.request, 'today');
  expect(after.sessions).toBe(before.sessions + 1);
  await visitorContext.close();
});
