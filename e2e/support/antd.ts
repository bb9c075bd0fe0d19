import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks one option of a single-choice antd Select and waits for its list to close. On a busy
 * runner a click during the list's opening animation could leave it open over the next field,
 * so the pick is retried until the list is gone.
 */
export async function pickOption(page: Page, select: Locator, option: string): Promise<void> {
  await expect(async () => {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .click({ timeout: 2_000 });
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Selects one option of a multiple-choice antd Select. Its list stays open after a pick, so the
 * caller closes it (`closeList`).
 */
export async function pickMany(page: Page, select: Locator, option: string): Promise<void> {
  await expect(async () => {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
    if (!/ant-select-item-option-selected/.test((await item.getAttribute('class', { timeout: 2_000 })) ?? '')) {
      await item.click({ timeout: 2_000 });
    }
    await expect(item).toHaveClass(/ant-select-item-option-selected/, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Closes the open list of a Select with Escape. A click on another field did it until the list,
 * with more sites listed and no room below, opened upwards over that field and took the click
 * (CI27, e2e/teams.spec.ts). Escape closes only the topmost layer: the list, not a modal under it.
 */
export async function closeList(page: Page): Promise<void> {
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await list.count()) > 0) await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
