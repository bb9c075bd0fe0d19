import { expect, test } from './support/test';
import { signIn } from './support/session';

// Runs after recognition.spec (files run in name order): the order below leaves a visitor on
// the demo shop's Live screen for a while, and that spec waits for Live to be empty.

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
    if (before === 0) return now === 0 ? 0 : null;
    return Math.abs((now - before) / before);
  };
  await page.goto('/s/demo-shop/overview?range=30d');
  const changes = page.getByTestId('kpi-revenue').getByTestId('kpi-change');
  await expect(changes).toHaveCount(currencies.length);
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  for (const [i, c] of currencies.entries()) {
    await expect(changes.nth(i)).toHaveAttribute('data-currency', c);
    const p = pct(c);
    await expect(changes.nth(i)).toContainText(
      p === null ? `${c} —` : p === 0 ? `${c} no change` : `${c} ${percent.format(p)}`,
    );
  }
});
