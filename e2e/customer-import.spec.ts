import { expect, test } from './support/test';
import { signIn } from './support/session';
import { visitorPage } from './support/visitor';

// A marketer's customer list of 10,000 people, imported in Chromium with a moving progress
// bar; then one of those customers browses the shop, gives only her email, and the agent
// sees her by the imported name on Live and her imported fields on the profile.
const ROWS = 10_000;

function customerCsv(stamp: number, returning: { name: string; email: string }): { csv: string; bad: number } {
  const lines = ['Customer ID,Name,Email,Mobile,Tags,Plan'];
  for (let i = 1; i <= ROWS; i++) {
    if (i === 5000) lines.push(`CRM-${stamp}-${i},${returning.name},${returning.email},,"vip, newsletter",Gold`);
    else if (i === 17) lines.push(`CRM-${stamp}-${i},Bad Mail,not-an-email,,,Silver`);
    else if (i === 42) lines.push(',,,,,');
    else if (i === 99) lines.push(`,Bad Phone,,call me later,,`);
    else
      lines.push(
        `CRM-${stamp}-${i},Customer ${i},customer.${i}.${stamp}@example.com,+86 139 ${String(i).padStart(4, '0')} ${String(stamp % 10_000).padStart(4, '0')},,Basic`,
      );
  }
  return { csv: `${lines.join('\n')}\n`, bad: 3 };
}

test('a 10,000-people CSV imports with progress, and a returning customer is recognised on Live', async ({
  page: agent,
  browser,
}, testInfo) => {
  // 20 chunks of 500 people one after another on a shared 2-core runner: ~20 s here (the wait
  // is a bound, not a speed goal).
  test.setTimeout(180_000);
  const stamp = Date.now();
  const returning = { name: 'Lin Xiaoyu', email: `lin.xiaoyu.${stamp}@example.com` };
  const { csv, bad } = customerCsv(stamp, returning);
  await signIn(agent);
  await agent.goto('/s/demo-shop/import');
  await agent
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  // The mapping is guessed from the header; the check covers the whole file, not only the preview.
  await expect(agent.getByText('customers.csv: 10,000 rows, 6 columns')).toBeVisible();
  await expect(agent.getByTestId('import-use-0')).toContainText('External id');
  await expect(agent.getByTestId('import-use-3')).toContainText('Phone');
  await expect(agent.getByTestId('import-use-5')).toContainText('Custom field');
  await expect(agent.getByTestId('import-preview').locator('tbody tr.ant-table-row')).toHaveCount(5);
  await expect(agent.getByTestId('import-skips')).toHaveText(
    `${bad} rows will be skipped (checked the same way by the server)`,
  );

  await agent.getByTestId('import-start').click();
  // The bar moves: sample it until done and expect values between the ends.
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const percent = Number(await agent.getByTestId('import-progress').getAttribute('data-percent'));
        seen.add(percent);
        return percent;
      },
      { timeout: 120_000, intervals: [50] },
    )
    .toBe(100);
  expect([...seen].filter((p) => p > 0 && p < 100).length).toBeGreaterThan(1);
  await expect(agent.getByText('Import finished')).toBeVisible();
  await expect(agent.getByTestId('import-created')).toContainText((ROWS - bad).toLocaleString('en'));
  await expect(agent.getByTestId('import-skipped')).toContainText(String(bad));
  await expect(agent.getByTestId('import-errors').locator('tbody tr.ant-table-row')).toHaveText([
    /17.*Not an email address/,
    /42.*Empty row/,
    /99.*Not a phone number/,
  ]);
  await agent.screenshot({ path: testInfo.outputPath('import-done.png'), fullPage: true });

  // The returning customer: anonymous on Live until she gives her email, then named as imported.
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  const { shop, visitorId, close } = await visitorPage(browser, testInfo);
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toContainText('Anonymous', { timeout: 10_000 });
  await shop.evaluate(
    (email) => (window as unknown as { leadtrail: (...a: unknown[]) => void }).leadtrail('identify', { email }),
    returning.email.toUpperCase(),
  );
  await expect(row.getByTestId('live-visitor')).toContainText(returning.name, { timeout: 15_000 });

  await agent.goto(`/s/demo-shop/visitors/${encodeURIComponent(visitorId)}`);
  await expect(agent.getByTestId('visitor-name')).toHaveText(returning.name);
  const imported = agent.getByTestId('imported-details');
  await expect(imported).toContainText(`CRM-${stamp}-5000`);
  await expect(imported.locator('.ant-tag')).toHaveText(['vip', 'newsletter']);
  await expect(imported).toContainText('Gold');
  await close();
});
