import { expect, test, type APIRequestContext } from './support/test';
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

/** Waits until today's report counts `pageviews`: how fast is the ingest bench's business, not this test's. */
async function untilPageviews(request: APIRequestContext, pageviews: number) {
  await expect
    .poll(async () => (await demoKpis(request, 'today')).pageviews, { timeout: 10_000, intervals: [50] })
    .toBe(pageviews);
}

test('demo shop page views reach ClickHouse once each, in one session', async ({ page, browser }) => {
  await signIn(page);
  const before = await demoKpis(page.request, 'today');
  const visitorContext = await browser.newContext();
  const shop = await visitorContext.newPage();
  const accepted = shop.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await shop.goto('/demo/');
  await accepted;
  await untilPageviews(page.request, before.pageviews + 1);

  await shop.getByRole('link', { name: 'Pricing' }).first().click();
  await untilPageviews(page.request, before.pageviews + 2);
  const after = await demoKpis(page.request, 'today');
  expect(after.sessions).toBe(before.sessions + 1);
  await visitorContext.close();
});
