import { expect, test, type Browser, type Page } from './support/test';
import { signIn } from './support/session';

// A user's own account: a new password signs out their other browser (its live socket
// closes too), and "sign out everywhere" ends every session. A user of its own, so the
// admin's password that other specs use stays as it is.
const USER = { email: 'sam.agent@example.com', password: 'sam-first-password' };
const NEW_PASSWORD = 'sam-second-password';

async function browserOf(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test('changing your password signs out your other browser; sign out everywhere ends them all', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  await signIn(admin);
  const created = await admin.request.post('/api/trpc/user.create', {
    data: { ...USER, name: 'Sam Agent', role: 'agent', siteIds: ['demo-shop'] },
  });
  expect(created.status()).toBe(200);

  const baseURL = testInfo.project.use.baseURL;
  const here = await browserOf(browser, baseURL);
  const laptop = await browserOf(browser, baseURL);
  await signIn(here, USER);
  await signIn(laptop, USER);
  await laptop.goto('/s/demo-shop/live');
  await expect(laptop.getByTestId('live-status')).toHaveAttribute('data-status', 'open');

  // From the account menu of every screen.
  await here.goto('/s/demo-shop/live');
  await here.getByTestId('account-menu').hover();
  await here.getByRole('menuitem', { name: 'Account and security' }).click();
  await expect(here).toHaveURL(/\/account$/);
  await here.getByLabel('Current password', { exact: true }).fill('not-my-password');
  await here.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await here.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await here.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByTestId('password-error')).toContainText('The current password is wrong');
  await here.getByLabel('Current password', { exact: true }).fill(USER.password);
  await here.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByText('Password changed; your other sessions were signed out')).toBeVisible();

  // The other browser's socket is closed at once and its session is gone.
  await expect(laptop.getByTestId('live-status')).not.toHaveAttribute('data-status', 'open');
  await laptop.reload();
  await expect(laptop).toHaveURL(/\/sign-in/);
  await signIn(laptop, { email: USER.email, password: NEW_PASSWORD });

  // This browser still works; signing out everywhere ends both.
  await here.reload();
  await expect(here.getByText('Sign out everywhere').first()).toBeVisible();
  await here.getByRole('button', { name: 'Sign out everywhere' }).click();
  await here.getByRole('button', { name: 'OK' }).click();
  await expect(here).toHaveURL(/\/sign-in/);
  await laptop.goto('/s/demo-shop/live');
  await expect(laptop).toHaveURL(/\/sign-in/);
});

test('the account page is in Chinese too', async ({ page }) => {
  await signIn(page);
  await page.goto('/account');
  await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await expect(page.getByRole('heading', { name: '账户与安全' })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出所有设备' })).toBeVisible();
  await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Account and security' })).toBeVisible();
});

test('a locked sign-in says so, in the chosen language', async ({ page }) => {
  // An account nobody has: five wrong tries from this address, then the sixth waits.
  // antd spaces out a two-character Chinese label ("登 录").
  const submit = page.getByRole('button', { name: /^登\s?录$/ });
  await page.goto('/sign-in');
  await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await page.getByLabel('邮箱').fill('nobody.locked@example.com');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('密码').fill(`guess-${i}`);
    const answered = page.waitForResponse((r) => r.url().includes('auth.signIn'));
    await submit.click();
    expect((await answered).status()).toBe(401);
    await expect(page.getByTestId('sign-in-error')).toContainText('邮箱或密码错误');
  }
  await page.getByLabel('密码').fill('guess-5');
  await submit.click();
  await expect(page.getByTestId('sign-in-error')).toContainText('尝试次数过多');
  await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
});
