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

test('the revenue card compares each currency with the same currency before', async ({ page }) => {
  await signIn(page);
  // An order in a currency the demo never uses, so the card holds at least two currencies.
  const visit = {
    site: 'demo-shop',
    visitorId: `eur-${Date.now().toString(36)}`,
    sessionId: `eur-${Date.now().toString(36)}-s`,
  };
  const url = 'https://shop.example/demo/checkout';
  for (const events of [
    [{ type: 'pageview', url, referrer: '' }],
    [{ type: 'order', url, orderId: `${visit.visitorId}-o`, value: 42.5, currency: 'EUR' }],
  ]) {
    const res = await page.request.post('/api/collect', {
      headers: { 'content-type': 'text/plain' },
      data: JSON.stringify({ ...visit, events }),
    });
    expect(res.status()).toBe(202);
  }
  type Money = { currency: string; value: number }[];
  type Kpis = { current: { revenue: Money }; previous: { revenue: Money } };
  const input = encodeURIComponent(JSON.stringify({ siteId: 'demo-shop', range: { preset: '30d' }, filters: {} }));
  let kpis: Kpis | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/trpc/report.overview?input=${input}`);
      kpis = ((await res.json()) as { result: { data: Kpis } }).result.data;
      return kpis.current.revenue.map((m) => m.currency);
    })
    .toContain('EUR');
  const { current, previous } = kpis!;
  const currencies = [...new Set([...current.revenue, ...previous.revenue].map((m) => m.currency))];
  expect(currencies.length).toBeGreaterThan(1);
  const pct = (c: string) => {
    const now = current.revenue.find((m) => m.currency === c)?.value ?? 0;
    const before = previous.revenue.find((m) => m.currency === c)?.value ?? 0;
    return before === 0 ? null : Math.abs((now - before) / before);
  };
  await page.goto('/s/demo-shop/overview?range=30d');
  const changes = page.getByTestId('kpi-revenue').getByTestId('kpi-change');
  await expect(changes).toHaveCount(currencies.length);
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  for (const [i, c] of currencies.entries()) {
    await expect(changes.nth(i)).toHaveAttribute('data-currency', c);
    const p = pct(c);
    await expect(changes.nth(i)).toContainText(p === null ? `${c} —` : `${c} ${percent.format(p)}`);
  }
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
