import { expect, test as base, type Page } from '@playwright/test';
import { signIn } from './session';

export * from '@playwright/test';

/**
 * Every spec's `test`: after a failed attempt, the admin's chats that attempt left open or queued
 * are closed. An agent holds at most five chats, so without this one flaky spec would leave later
 * chat-starting specs facing "All agents are busy".
 */
export const test = base.extend<{ freeAgentAfterFailure: void }>({
  freeAgentAfterFailure: [
    async ({ browser }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const context = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        userAgent: testInfo.project.use.userAgent,
      });
      try {
        const page = await context.newPage();
        await signIn(page);
        await closeOpenChats(page);
      } finally {
        await context.close();
      }
    },
    { auto: true, timeout: 60_000 },
  ],
});

/** Closes the signed-in agent's open and queued chats on the demo shop (a queued one may be assigned next). */
async function closeOpenChats(page: Page): Promise<void> {
  await page.goto('/s/demo-shop/chats');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('agents-online')).toHaveText(/online/);
  const pending = page.locator('[data-testid="chat-item"]:is([data-status="open"], [data-status="queued"])');
  for (let i = 0; i < 20 && (await pending.count()) > 0; i++) {
    const item = pending.first();
    const chatId = await item.getAttribute('data-chat-id');
    await item.click();
    await page.getByTestId('chat-close').click();
    await expect(page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`)).toHaveAttribute(
      'data-status',
      'closed',
    );
  }
}
