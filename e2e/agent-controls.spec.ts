import { expect, test, type Browser, type Page } from './support/test';
import { closeList, pickMany, pickOption } from './support/antd';
import { signIn } from './support/session';

// Who serves chats is the admin's call too: Settings → Users shows and sets "I take chats"
// per user, and the user's open console follows at once. Marketers never see the controls.

async function createUser(
  admin: Page,
  user: { name: string; email: string; role: 'Agent' | 'Marketer'; password: string },
): Promise<void> {
  await admin.goto('/settings/users');
  await admin.getByRole('button', { name: 'New user' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Name').fill(user.name);
  await dialog.getByLabel('Email').fill(user.email);
  await pickOption(admin, dialog.getByLabel('Role'), user.role);
  await pickMany(admin, dialog.getByLabel('Sites'), 'Demo Shop');
  await closeList(admin);
  await dialog.getByLabel('Password').fill(user.password);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(admin.getByTestId('users-table')).toContainText(user.email);
}

async function signedIn(
  browser: Browser,
  email: string,
  password: string,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, { email, password });
  await page.goto('/');
  return { page, close: () => context.close() };
}

test('an admin turns "I take chats" off for an agent in Settings → Users and the agent\'s console follows', async ({
  page: admin,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `ann.agent.${Date.now()}@example.com`;
  await signIn(admin);
  await createUser(admin, { name: 'Ann Agent', email, role: 'Agent', password: 'agent-password-1' });
  const row = admin.getByTestId('users-table').locator('tr').filter({ hasText: email });
  // Agents take chats unless told otherwise.
  await expect(row.getByTestId('user-takes-chats')).toHaveAttribute('aria-checked', 'true');

  const ann = await signedIn(browser, email, 'agent-password-1');
  await ann.page.goto('/s/demo-shop/chats');
  await expect(ann.page.getByTestId('takes-chats')).toHaveAttribute('aria-checked', 'true');
  const online = async () =>
    Number((await ann.page.getByTestId('agents-online').textContent())?.match(/\d+/)?.[0] ?? 0);
  await expect.poll(online).toBeGreaterThanOrEqual(1);
  const before = await online();

  await row.getByTestId('user-takes-chats').click();
  await expect(row.getByTestId('user-takes-chats')).toHaveAttribute('aria-checked', 'false');
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.screenshot({ path: '/tmp/users-takes-chats-1440.png' });
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: '/tmp/users-takes-chats-390.png' });
  await admin.setViewportSize({ width: 1280, height: 720 });
  // Pushed to her open tab, and routing no longer counts her among those offered chats.
  await expect(ann.page.getByTestId('takes-chats')).toHaveAttribute('aria-checked', 'false');
  await expect.poll(online).toBe(before - 1);
  // Stored: the users list and her next tab read it back.
  await admin.reload();
  await expect(
    admin.getByTestId('users-table').locator('tr').filter({ hasText: email }).getByTestId('user-takes-chats'),
  ).toHaveAttribute('aria-checked', 'false');
  await ann.page.reload();
  await expect(ann.page.getByTestId('takes-chats')).toHaveAttribute('aria-checked', 'false');
  await ann.close();
});

test('a marketer sees no agent status controls; an agent does', async ({ page: admin, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  await signIn(admin);
  await createUser(admin, {
    name: 'Max Marketer',
    email: `max.${stamp}@example.com`,
    role: 'Marketer',
    password: 'marketer-password-1',
  });
  await createUser(admin, {
    name: 'Aki Agent',
    email: `aki.${stamp}@example.com`,
    role: 'Agent',
    password: 'agent-password-2',
  });

  const max = await signedIn(browser, `max.${stamp}@example.com`, 'marketer-password-1');
  for (const screen of ['live', 'chats', 'overview']) {
    await max.page.goto(`/s/demo-shop/${screen}`);
    await expect(max.page.getByTestId('nav-menu').first()).toBeVisible();
    await expect(max.page.getByTestId('agent-status')).toHaveCount(0);
    await expect(max.page.getByTestId('takes-chats')).toHaveCount(0);
  }
  await max.close();

  const aki = await signedIn(browser, `aki.${stamp}@example.com`, 'agent-password-2');
  await aki.page.goto('/s/demo-shop/chats');
  await expect(aki.page.getByTestId('agent-status')).toBeVisible();
  await expect(aki.page.getByTestId('takes-chats')).toBeVisible();
  await aki.close();
});
