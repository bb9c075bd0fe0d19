import { expect, test } from './support/test';
import { signIn } from './support/session';

// The notification bell in real Chromium: an alert the server finds while the page is open
// reaches the bell over the agent socket (no reload), on another site's screen too, labelled
// with its site, and marking it read takes it off. The spike is made on a site of its own,
// so no other spec's counts move; other sites' alerts may come and go meanwhile, so the
// count is only checked to drop back once it is read.

test('the bell shows a new alert of any site pushed live; marking it read clears it', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  const created = await page.request.post('/api/trpc/site.create', {
    data: { name: 'Alerts shop', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false },
  });
  expect(created.status()).toBe(200);
  const siteId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;

  // Watched from the demo shop's screen: the bell lists every site the admin can see.
  await page.goto('/s/demo-shop/overview');
  const bell = page.getByTestId('alert-bell');

  // 25 page views this hour against none in the four weeks before: a spike (≥ 20 page views)
  // that the server's check (every 5 s in e2e) finds and pushes.
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

  await bell.click();
  const item = page.getByTestId('alert-item').filter({ hasText: 'Alerts shop' });
  await expect(item).toHaveCount(1, { timeout: 20_000 });
  await expect(item.getByTestId('alert-site')).toHaveText('Alerts shop');
  await expect(item).toContainText('Traffic spike: 25 page views this hour, usually 0');
  await expect(item.getByRole('link')).toHaveAttribute('href', `/s/${siteId}/overview`);
  const count = Number(await bell.getAttribute('data-count'));
  expect(count).toBeGreaterThanOrEqual(1);

  await item.getByTestId('alert-read').click();
  await expect(item).toHaveCount(0);
  await expect.poll(async () => Number(await bell.getAttribute('data-count'))).toBeLessThan(count);
  // Read is stored: a reload (a new socket, a new unread list) keeps it cleared.
  await page.reload();
  await page.getByTestId('alert-bell').click();
  await expect(page.getByTestId('alert-list')).toBeVisible();
  await expect(page.getByTestId('alert-item').filter({ hasText: 'Alerts shop' })).toHaveCount(0);
});
