import { expect, type Page } from '@playwright/test';
import { buildFixture, type Fixture } from '../../server/testing/fixture';

export const ADMIN = { email: 'admin@leadtrail.local', password: 'e2e-admin-password' };

/** The fixture rows the e2e server loaded (same instant), for computing expected numbers. */
export function fixture(): Fixture {
  const now = Number(process.env['LEADTRAIL_FIXTURE_NOW']);
  if (!now) throw new Error('LEADTRAIL_FIXTURE_NOW is not set: run through playwright.config.ts');
  return buildFixture(now);
}

export async function signIn(page: Page, user: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/email|邮箱/i).fill(user.email);
  await page.getByLabel(/password|密码/i).fill(user.password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/**
 * Opens the Chats screen from the side menu. The menu's "Chats" badge re-renders as a chat
 * arrives; a click landing in that instant did not navigate (CI19: the link focused, Live
 * still shown 20 s later), so the link is clicked again until the screen changes, as a person would.
 */
export async function openChats(agent: Page): Promise<void> {
  await expect(async () => {
    await agent.getByRole('link', { name: /^Chats/ }).click();
    await expect(agent).toHaveURL(/\/chats(\?|$)/, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}
