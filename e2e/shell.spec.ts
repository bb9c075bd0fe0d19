import { expect, test, type Page } from './support/test';
import { signIn } from './support/session';

// One layout around every dashboard page: Settings and Account keep the last chosen site's
// menu and picker; a page the role may not open says so once; the Sites table shows when
// each site was created in its own time zone. Screenshots go to /tmp/shell-*.png.

const SITE = 'fixture-a';
// Several sign-ins and screens per journey on a shared 2-core runner.
test.describe.configure({ timeout: 90_000 });
const menuLink = (page: Page, name: string) => page.getByTestId('nav-menu').getByRole('link', { name, exact: true });

async function expectSiteNav(page: Page, siteName: string): Promise<void> {
  await expect(page.getByTestId('site-picker')).toContainText(siteName);
  await expect(menuLink(page, 'Overview')).toHaveAttribute('href', `/s/${SITE}/overview`);
  await expect(menuLink(page, 'Leads')).toHaveAttribute('href', `/s/${SITE}/leads`);
}

test('Settings and Account keep the site picker and the site menu, at 1440 and 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto(`/s/${SITE}/overview`);
  await expect(page.getByTestId('site-picker')).toContainText('Fixture A');
  await page.getByTestId('nav-menu').getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByTestId('users-table')).toBeVisible();
  await expectSiteNav(page, 'Fixture A');
  await page.screenshot({ path: '/tmp/shell-users-1440.png' });

  await page.getByTestId('account-menu').hover();
  await page.getByRole('menuitem', { name: 'Account and security' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expectSiteNav(page, 'Fixture A');
  await menuLink(page, 'Visitors').click();
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/visitors$`));

  // A reload of a settings page remembers the site; the picker there opens the chosen site.
  await page.goto('/settings/sites');
  await expectSiteNav(page, 'Fixture A');
  await page.getByTestId('site-picker').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('Fixture B', { exact: true }).click();
  await expect(page).toHaveURL(/\/s\/fixture-b\/overview$/);

  await page.goto(`/s/${SITE}/overview`);
  // The page keeps its site once it runs in the browser (after hydration), not at its load event:
  // CI38 left for Settings before that and found Fixture B still kept.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lt_site'))).toBe(SITE);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings/users');
  await expect(page.getByTestId('site-picker')).toContainText('Fixture A');
  await page.getByTestId('menu-toggle').click();
  await expectSiteNav(page, 'Fixture A');
  await page.screenshot({ path: '/tmp/shell-users-390.png' });
  await menuLink(page, 'Leads').click();
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/leads$`));
});

async function userOfRole(page: Page, role: 'agent' | 'marketer'): Promise<{ email: string; password: string }> {
  const user = { email: `shell-${role}@example.com`, password: `${role}-password-1` };
  const res = await page.request.post('/api/trpc/user.create', {
    data: { ...user, name: `Shell ${role}`, role, siteIds: [SITE] },
  });
  expect(res.status()).toBe(200);
  return user;
}

for (const [role, forbidden, page1, firstScreen] of [
  ['agent', 'conversion', 'Conversion', 'live'],
  ['marketer', 'chats', 'Chats', 'overview'],
] as const) {
  test(`${role}: a report link the role cannot see shows one clear page`, async ({ page, browser }) => {
    await signIn(page);
    const user = await userOfRole(page, role);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const them = await context.newPage();
    await signIn(them, user);
    await them.goto(`/s/${SITE}/${forbidden}`);
    const notAllowed = them.getByTestId('not-allowed');
    await expect(notAllowed).toContainText('This page is not available for your role');
    await expect(notAllowed).toContainText(`cannot open ${page1}`);
    await expect(them.locator('[data-state="error"]')).toHaveCount(0);
    await expect(them.getByTestId('nav-menu').getByRole('link', { name: page1, exact: true })).toHaveCount(0);
    await them.screenshot({ path: `/tmp/shell-not-allowed-${role}.png` });
    await them.getByTestId('language-switch').getByText('中文').click();
    await expect(notAllowed).toContainText('您的角色无法查看此页面');
    await them.getByTestId('language-switch').getByText('EN').click();
    // The first button is the first screen the menu offers this role.
    await notAllowed.getByRole('button').first().click();
    await expect(them).toHaveURL(new RegExp(`/s/${SITE}/${firstScreen}$`));
    await expect(them.getByTestId('not-allowed')).toHaveCount(0);
    await context.close();
  });
}

test('the Sites table shows when each site was created, in its time zone, and sorts by it', async ({ page }) => {
  await signIn(page);
  const res = await page.request.get('/api/trpc/site.list');
  const sites = (
    (await res.json()) as { result: { data: { id: string; name: string; timeZone: string; createdAt: number }[] } }
  ).result.data;
  const a = sites.find((s) => s.id === SITE)!;
  expect(a.timeZone).toBe('Asia/Shanghai');
  const inZone = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);

  await page.goto('/settings/sites');
  const table = page.getByTestId('sites-table');
  await expect(table.getByRole('columnheader', { name: 'Created' })).toBeVisible();
  const row = table.locator('tr', { hasText: 'Fixture A' });
  await expect(row.getByTestId('site-created')).toHaveText(inZone(a.createdAt, 'Asia/Shanghai'));
  expect(inZone(a.createdAt, 'Asia/Shanghai')).not.toBe(inZone(a.createdAt, 'UTC'));

  await table.getByRole('columnheader', { name: 'Created' }).click();
  const newestFirst = [...sites].sort((x, y) => y.createdAt - x.createdAt).map((s) => s.name);
  await expect(table.locator('tbody tr.ant-table-row td:first-child')).toHaveText(newestFirst);
  await table.getByRole('columnheader', { name: 'Created' }).click();
  await expect(table.locator('tbody tr.ant-table-row td:first-child')).toHaveText([...newestFirst].reverse());
});

test('an address without a page says so in the user language, with a 404 and the way back', async ({ page }) => {
  await signIn(page);
  const res = await page.goto('/settings/no-such-screen');
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Page not found')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the dashboard' }).click();
  await expect(page.getByTestId('nav-menu')).toBeVisible();
});

test('asked for less motion, a screen runs no animation; asked for none, the live dot pulses', async ({ page }) => {
  await signIn(page);
  await page.goto(`/s/${SITE}/overview`);
  const running = () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
  // The connected dot of "Visitors now" pulses without end unless motion is reduced.
  await expect(page.getByTestId('visitors-now').locator('.ant-badge-status-processing')).toBeVisible();
  await expect.poll(running).toBe(0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(running).toBeGreaterThan(0);
});
