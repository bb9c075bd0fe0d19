import { expect, test } from '@playwright/test';
import { signIn } from './support/session';

// The notification bell in real Chromium: an alert the server finds while the page is open
// reaches the bell over the agent socket (no reload), and marking it read clears the count.
// The spike is made on a site of its own, so no other spec's counts move.

test('the bell shows a new alert pushed live; marking it read clears the count', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  const created = await page.request.post('/api/trpc/site.create', {
    data: { name: 'Alerts shop', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false },
  });
  expect(created.status()).toBe(200);
  const siteId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;

  await page.goto(`/s/${siteId}/overview`);
  const bell = page.getByTestId('alert-bell');
  await expect(bell).toHaveAttribute('data-count', '0');

  // 25 page views this hour against none in the four weeks before: a spike (≥ 20 page views)
  // that the server's check (every 2 s in e2e) finds and pushes.
  const run = Date.now().toString(36);
  const res = await page.request.post('/api/collect', {
    headers: { 'content-type': 'text/plain' },
    data: JSON.stringify({
      site: siteId,
      visitorId: `spike-${run}`,
      sessionId: `spike-${run}-s`,
      events: Array.from({ length: 25 }, (_, i) => ({
        type: 'pageview',
        url: `https://shop.example/p/${i}`,
        referrer: '',
        title: `Page ${i}`,
      })),
    }),
  });
  expect(res.status()).toBe(202);

  await expect(bell).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await bell.click();
  const item = page.getByTestId('alert-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Traffic spike: 25 page views this hour, usually 0');
  await expect(item.getByRole('link')).toHaveAttribute('href', `/s/${siteId}/overview`);

  await item.getByTestId('alert-read').click();
  await expect(bell).toHaveAttribute('data-count', '0');
  // Read is stored: a reload (a new socket, a new unread list) keeps it cleared.
  await page.reload();
  await expect(page.getByTestId('alert-bell')).toHaveAttribute('data-count', '0');
});
