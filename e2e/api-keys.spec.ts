import { expect, test } from './support/test';
import { signIn } from './support/session';

// An admin creates an API key in Settings → API, copies it from the one-time dialog, calls
// the open API with it, revokes it and is refused; the reference tab draws the generated
// OpenAPI document; nothing breaks the dashboard's Content-Security-Policy.

test('an admin creates a key, uses it, revokes it, and reads the reference', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto('/settings/api');
  await expect(page.getByTestId('api-keys-table')).toBeVisible();

  const name = `E2E key ${Date.now()}`;
  await page.getByTestId('api-key-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('api-key-name').fill(name);
  await dialog.getByRole('checkbox', { name: 'Write' }).check();
  await page.getByTestId('api-key-create').click();

  const shown = page.getByTestId('api-key-shown');
  await expect(shown).toContainText('lt_live_');
  await expect(page.getByRole('dialog').getByText('only time the key is shown')).toBeVisible();
  await page.screenshot({ path: '/tmp/api-key-shown-1440.png' });
  await shown.getByRole('button', { name: 'Copy' }).click();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^lt_live_[A-Za-z0-9_-]{43}$/);
  expect(key).toBe((await shown.textContent())?.trim());
  await page.getByTestId('api-key-done').click();

  const row = page.getByTestId('api-keys-table').locator('tr', { hasText: name });
  await expect(row).toContainText(key.slice(0, 16));
  await expect(row).toContainText('Active');
  const auth = { authorization: `Bearer ${key}` };
  const ok = await page.request.get('/api/v1/leads?limit=2', { headers: auth });
  expect(ok.status()).toBe(200);
  expect(Object.keys((await ok.json()) as object).sort()).toEqual(['data', 'next_cursor']);
  await page.screenshot({ path: '/tmp/api-keys-1440.png', fullPage: true });

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByTestId('api-key-revoke-ok').click();
  await expect(row).toContainText('Revoked');
  const refused = await page.request.get('/api/v1/leads', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: 'unauthorized', message: 'This API key was revoked' } });

  await page.getByRole('tab', { name: 'Reference' }).click();
  const reference = page.getByTestId('api-reference');
  await expect(reference).toContainText('/api/v1/leads/{leadId}');
  await reference.getByText('Create a lead').click();
  await expect(reference).toContainText('Request body');
  await page.screenshot({ path: '/tmp/api-reference-1440.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/api-reference-390.png', fullPage: true });
  await page.getByRole('tab', { name: 'Keys' }).click();
  await page.screenshot({ path: '/tmp/api-keys-390.png', fullPage: true });

  expect(problems.filter((p) => /content security policy|refused to/i.test(p))).toEqual([]);
});

test('the page is in Chinese for a Chinese user', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await expect(page.getByText('概览').first()).toBeVisible();
  await page.goto('/settings/api');
  await expect(page.getByRole('tab', { name: '密钥' })).toBeVisible();
  await expect(page.getByTestId('api-key-new')).toHaveText('创建密钥');
  await page.screenshot({ path: '/tmp/api-keys-zh.png', fullPage: true });
  await page.getByRole('tab', { name: '接口文档' }).click();
  await expect(page.getByTestId('api-reference')).toContainText('OpenAPI 文档');
});
