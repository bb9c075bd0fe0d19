import { expect, type Page } from '@playwright/test';
import { buildFixture, type Fixture } from '../../server/testing/fixture';

export const ADMIN = { email: 'admin@leadtrail.local', password: 'e2e-admin-password' };

/** The fixture rows the e2e server loaded (same instant), for computing expected numbers. */
export function fixture(): Fixture {
  const now = Number(process.env['LEADTRAIL_FIXTURE_NOW']);
  if (!now) throw new Error('LEADTRAIL_FIXTURE_NOW is not set: run through playwright.config.ts');
  return buildFixture(now);
}

/**
 * Signs in through the API, as the form does (accounts.spec signs in with the form itself): the
 * session cookie lands in the page's context and the page stays where it was, so a test opens
 * the screen it is about. Through the form, every sign-in loaded the sign-in page and then the
 * first screen, which the next step left at once (~0.75 s of each of ~100 sign-ins).
 */
export async function signIn(page: Page, user: { email: string; password: string } = ADMIN): Promise<void> {
  const res = await page.request.post('/api/trpc/auth.signIn', {
    data: { email: user.email, password: user.password },
  });
  expect(res.status(), await res.text()).toBe(200);
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
