import { expect, test } from './support/test';
import { signIn } from './support/session';

// An admin erases a person from their profile. The person is made here (not taken from the
// fixture, which later specs count on): a visitor who browsed and told us their name. Once
// erased, the site's data is what it was before they came.
const SITE = 'fixture-a';
const VISITOR = `erase-me-${Date.now().toString(36)}`;
const NAME = `Erase Me ${VISITOR.slice(-6)}`;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

test('an admin erases a visitor from the profile and the visitors list no longer shows them', async ({
  page,
  request,
}) => {
  const visit = { site: SITE, visitorId: VISITOR, sessionId: `${VISITOR}-s` };
  for (const events of [
    [{ type: 'pageview', url: 'https://shop.example/pricing', referrer: '' }],
    [{ type: 'identify', url: 'https://shop.example/pricing', name: NAME }],
  ]) {
    const res = await request.post('/api/collect', {
      headers: { 'content-type': 'text/plain', 'user-agent': UA },
      data: JSON.stringify({ ...visit, events }),
    });
    expect(res.status()).toBe(202);
  }

  await signIn(page);
  const list = `/s/${SITE}/visitors?range=today&q=${encodeURIComponent(NAME)}`;
  const rows = page.getByTestId('visitors-table').locator('tbody tr.ant-table-row');
  await expect(async () => {
    await page.goto(list);
    await expect(rows).toHaveCount(1, { timeout: 2000 });
  }).toPass();
  await page.getByTestId('visitor-link').first().click();
  await expect(page.getByTestId('visitor-name')).toHaveText(NAME);

  await page.getByTestId('erase-person').click();
  const confirm = page.getByTestId('erase-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('erase-typed').fill('not-the-id');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('erase-typed').fill(VISITOR);
  await confirm.click();

  // Back on the list, which no longer finds them; their profile is gone too.
  // Erasing rewrites every table the person is in: give it time on a busy runner.
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/visitors\\?`), { timeout: 30_000 });
  await page.goto(list);
  await expect(page.locator('[data-state="empty"]')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.goto(`/s/${SITE}/visitors/${VISITOR}`);
  await expect(page.locator('[data-state="not-found"]')).toBeVisible();
});
