import { expect, test } from './support/test';
import { signIn } from './support/session';

// An admin fills the knowledge base from a CSV file (after a file with a bad row is refused
// whole), edits an article, reads its history, and searches the way a visitor asks.

const stamp = Date.now().toString(36);
const CSV = [
  'id,question,alternates,answer,category,language,self_service_url,enabled',
  `,How long does delivery take ${stamp}?,When will my parcel arrive?,"Orders ship within 24 hours; delivery takes **3-5 days**.",Delivery,en,https://shop.example/track,true`,
  `,How do I return an item ${stamp}?,Can I send it back?,"Start a return in your account within 30 days.",Returns,en,,true`,
  `,怎么开发票 ${stamp}？,能开发票吗,在订单详情页点“申请发票”，电子发票发到邮箱。,发票,zh,,true`,
].join('\n');

test('an admin imports articles from CSV, edits one, sees its history and searches', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  // A site of its own: the demo shop's knowledge base has articles of its own on the same topics.
  const created = await page.request.post('/api/trpc/site.create', {
    data: { name: `KB shop ${stamp}`, domains: ['kb.example'], timeZone: 'UTC', respectDnt: false },
  });
  expect(created.status()).toBe(200);
  const site = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
  await page.goto(`/s/${site}/knowledge`);
  await expect(
    page.getByRole('heading', { name: 'Knowledge base' }).or(page.getByText('Knowledge base').first()),
  ).toBeVisible();

  // A file with one bad row: every row is listed with its errors and nothing can be imported.
  await page.getByTestId('kb-import-open').click();
  const dialog = page.getByTestId('kb-import');
  const bad = `${CSV}\n,Missing answer ${stamp},,,Misc,fr,,true`;
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(dialog.getByTestId('kb-import-summary')).toHaveText('4 rows, 1 with an error');
  await expect(dialog.getByTestId('kb-import-preview').locator('tbody tr.ant-table-row').nth(3)).toContainText(
    'language',
  );
  await expect(dialog.getByTestId('kb-import-run')).toBeDisabled();

  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(dialog.getByTestId('kb-import-summary')).toHaveText('3 rows, no errors');
  await dialog.getByTestId('kb-import-run').click();
  await expect(page.getByText('Imported: 3 new, 0 updated')).toBeVisible();
  const table = page.getByTestId('kb-table');
  await expect(table.getByTestId('kb-row-question').filter({ hasText: stamp })).toHaveCount(3);

  // Edit the delivery article; the preview renders its Markdown.
  await table
    .getByTestId('kb-row-question')
    .filter({ hasText: `delivery take ${stamp}` })
    .click();
  const drawer = page.getByTestId('kb-drawer');
  await drawer.getByTestId('kb-answer').fill('Orders ship within 24 hours; delivery takes **2 days**.');
  await drawer.getByText('Preview', { exact: true }).click();
  await expect(drawer.getByTestId('kb-markdown').locator('strong')).toHaveText('2 days');
  // Preview replaces the text box; Write brings it back.
  await expect(drawer.getByTestId('kb-answer')).toBeHidden();
  await drawer.getByText('Write', { exact: true }).click();
  await expect(drawer.getByTestId('kb-answer')).toBeVisible();
  await drawer.getByTestId('kb-save').click();
  await expect(page.getByText('Article saved')).toBeVisible();

  // History: who changed what.
  await table
    .getByTestId('kb-row-question')
    .filter({ hasText: `delivery take ${stamp}` })
    .click();
  await drawer.getByRole('tab', { name: 'History' }).click();
  const entries = drawer.getByTestId('kb-history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('version 2');
  await expect(entries.first()).toContainText('Changed: answer');
  await expect(entries.last()).toContainText('Created');
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Search as visitors ask: a typo in English, traditional characters in Chinese.
  await page.getByTestId('kb-search').locator('input').fill('when will my parcle arrive');
  await expect(table.getByTestId('kb-row-question').first()).toContainText(`delivery take ${stamp}`);
  await page.getByTestId('kb-search').locator('input').fill('可以開發票嗎');
  await expect(table.getByTestId('kb-row-question').first()).toContainText(`开发票 ${stamp}`);

  // ?new= opens the editor with the question filled in.
  await page.goto(`/s/${site}/knowledge?new=Do%20you%20ship%20to%20Norway%3F`);
  await expect(page.getByTestId('kb-question')).toHaveValue('Do you ship to Norway?');
});
