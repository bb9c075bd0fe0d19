import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/session';

// A toast never stands over a control: "Reply saved" once covered the canned drawer's close
// button and, hovered, stayed there for good (a click then hit the toast, not the button).

const SITE = 'fixture-a';

async function saveReplyAndClose(page: Page, shortcut: string, shot: string): Promise<void> {
  await signIn(page);
  await page.goto(`/s/${SITE}/chats`);
  await page.getByTestId('canned-open').click();
  const drawer = page.getByTestId('canned-drawer');
  await drawer.getByTestId('canned-new').click();
  await drawer.getByTestId('canned-shortcut').fill(shortcut);
  await drawer.getByTestId('canned-body').fill('Our shop opens at nine.');
  await drawer.getByTestId('canned-save').click();
  const toast = page.locator('.ant-message-notice').filter({ hasText: 'Reply saved' });
  await expect(toast).toBeVisible();
  // Measured where it comes to rest, after its entrance.
  await expect(toast).not.toHaveClass(/fade-appear/);
  await page.screenshot({ path: `/tmp/phone-toast-${shot}.png` });

  const close = drawer.getByRole('button', { name: 'Close' });
  const t = (await toast.boundingBox())!;
  for (const control of [close, drawer.getByTestId('canned-new')]) {
    const c = (await control.boundingBox())!;
    const overlap = t.x < c.x + c.width && c.x < t.x + t.width && t.y < c.y + c.height && c.y < t.y + t.height;
    expect(overlap, `toast ${JSON.stringify(t)} over a control ${JSON.stringify(c)}`).toBe(false);
  }
  // Under the pointer it still runs out, and a click where it stands reaches the page.
  const centre = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.ant-message') === null, centre)).toBe(true);
  await expect(toast).toBeHidden({ timeout: 8_000 });
  await close.click();
  await expect(drawer).toBeHidden();
}

test('at 1280 px the "Reply saved" toast leaves the drawer header free and goes away when hovered', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await saveReplyAndClose(page, 'hours', 'desktop');
});

test('on a phone the toast leaves the drawer header free too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await saveReplyAndClose(page, 'open', 'phone');
});
