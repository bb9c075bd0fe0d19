import { expect, type Page } from '@playwright/test';

/** Debian's Chromium (headless shell, as in playwright.config.ts) with a fake microphone that needs no permission prompt, for web calls. */
export const FAKE_MEDIA = {
  launchOptions: {
    executablePath: '/usr/bin/chromium-headless-shell',
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
};

/** On the Chats screen: switches "I take calls" on. */
export async function takeCalls(agent: Page): Promise<void> {
  await agent.goto('/s/demo-shop/chats');
  const takesCalls = agent.getByTestId('takes-calls');
  await expect(takesCalls).toBeEnabled();
  if ((await takesCalls.getAttribute('aria-checked')) !== 'true') await takesCalls.click();
}
