import { expect, test } from './support/test';
import { signIn } from './support/session';

// The demo shop's visitors write in Chinese and English: its hot words show both, and a
// click on a word leads to the chats that contain it.

const HAN = /^[\u4e00-\u9fff]+$/;
const LATIN = /^[a-z][a-z0-9]+$/;

test('demo hot words show Chinese and English terms and a click leads to the chats', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page);
  await page.goto('/s/demo-shop/hot-words?range=90d');
  const cloud = page.getByTestId('word-cloud');
  await expect(cloud).toBeVisible({ timeout: 20_000 });
  const words = await cloud.getByTestId('cloud-term').allInnerTexts();
  expect(words.filter((w) => HAN.test(w)).length).toBeGreaterThan(2);
  expect(words.filter((w) => LATIN.test(w)).length).toBeGreaterThan(2);
  // Stop words never make it: the fillers of both languages.
  expect(words.filter((w) => ['the', 'is', 'you', '的', '吗', '我'].includes(w))).toEqual([]);
  await expect(page.getByTestId('hot-words-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`hot-words-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The most rising Chinese term written in a chat: its drawer, then the chats that contain it. A
  // term written only in offline messages (the demo has some) offers their leads instead.
  const drawer = page.getByTestId('term-drawer');
  const openTerm = async (term: string) => {
    await cloud
      .getByTestId('cloud-term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .click();
    await expect(drawer.getByTestId('term-chats').or(drawer.getByTestId('term-no-chats'))).toBeVisible();
  };
  let term = '';
  for (const candidate of words.filter((w) => HAN.test(w))) {
    await openTerm(candidate);
    if (await drawer.getByTestId('term-chats').isVisible()) {
      term = candidate;
      break;
    }
    await expect(drawer.getByTestId('term-no-chats')).toBeDisabled();
    await expect(drawer.getByTestId('term-leads')).toHaveAttribute(
      'href',
      new RegExp(`q=${encodeURIComponent(candidate)}`),
    );
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  }
  expect(term, 'a Chinese term written in a chat').not.toBe('');
  await expect(drawer.getByTestId('term-pages').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('hot-words-drawer.png') });
  await drawer.getByTestId('term-chats').click();
  await expect(page).toHaveURL(new RegExp(`/chat-history\\?.*term=${encodeURIComponent(term)}`));
  await expect(page.getByTestId('chat-history-term')).toContainText(term);
  const rows = page.locator('[data-testid="chat-history-table"] tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  // Each of them holds the term in what the visitor wrote: open the first transcript.
  await rows.first().getByTestId('chat-open').click();
  await expect(page.getByTestId('transcript')).toContainText(term);
});
