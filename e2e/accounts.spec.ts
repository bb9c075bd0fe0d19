import { expect, test } from './support/test';
import { closeList, pickMany, pickOption } from './support/antd';
import { ADMIN, signIn } from './support/session';

test('wrong password shows a readable error', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/password/i).fill('not-the-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email or password');
});

test('signed-out visitors are sent to sign-in, and the form brings them back', async ({ page }) => {
  await page.goto('/s/demo-shop/leads?range=30d');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  // The one sign-in through the form; other specs sign in through the API (support/session.ts).
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/s\/demo-shop\/leads\?range=30d$/);
  await expect(page.getByTestId('leads-table')).toBeVisible();
});

test('an admin creates a site and copies its snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page);
  await page.goto('/settings/sites');
  await page.getByRole('button', { name: 'New site' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Travel Blog');
  await dialog.getByLabel('Allowed domains').fill('travel.example');
  await dialog.getByLabel('Allowed domains').press('Enter');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('sites-table')).toContainText('Travel Blog');
  await page.getByRole('link', { name: 'Travel Blog' }).click();
  const snippet = page.getByTestId('snippet');
  await expect(snippet).toContainText('/t.js" data-site="');
  await snippet.getByRole('button').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(
    /^<script async src="http:\/\/127\.0\.0\.1:\d+\/t\.js" data-site="[A-Za-z0-9]{12}"><\/script>$/,
  );
});

test('a marketer sees only their site and no admin screens', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/settings/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Mia Marketer');
  await dialog.getByLabel('Email').fill('mia@example.com');
  await pickOption(page, dialog.getByLabel('Role'), 'Marketer');
  await pickMany(page, dialog.getByLabel('Sites'), 'Fixture A');
  await closeList(page);
  await dialog.getByLabel('Password').fill('marketer-password');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('users-table')).toContainText('mia@example.com');

  const other = await browser.newContext();
  const mia = await other.newPage();
  await signIn(mia, { email: 'mia@example.com', password: 'marketer-password' });
  await mia.goto('/');
  await expect(mia.getByRole('menuitem', { name: /settings/i })).toHaveCount(0);
  await mia.goto('/settings/users');
  await expect(mia.getByTestId('not-allowed')).toContainText('This page is not available for your role');
  await mia.goto('/s/demo-shop/overview');
  await expect(mia.locator('[data-state="error"]').first()).toContainText('You do not have access');
  await other.close();
});
