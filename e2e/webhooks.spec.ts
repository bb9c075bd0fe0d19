import { createHmac } from 'node:crypto';
import { expect, test } from './support/test';
import { startReceiver } from '../server/testing/webhook-receiver';
import { signIn } from './support/session';

// An admin adds a webhook for the demo shop, keeps the secret shown once, sends a test event
// and sees it delivered in the log; the receiver (a real HTTP server) checks the signature.

test('an admin creates a webhook, sends a test event and sees it delivered in the log', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signIn(page);
    await page.goto('/settings/sites/demo-shop');
    await page.getByTestId('open-webhooks').click();
    await expect(page).toHaveURL(/\/settings\/sites\/demo-shop\/webhooks$/);

    await page.getByTestId('webhook-new').click();
    await page.getByTestId('webhook-url').fill(receiver.url);
    await page.getByRole('checkbox', { name: 'order.created' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByTestId('webhook-list').locator('tbody tr.ant-table-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(receiver.url);
    await expect(row).toContainText('lead.created');
    await expect(row).toContainText('order.created');

    await row.getByTestId('webhook-test').click();
    const log = page.getByTestId('delivery-log');
    await expect(log.getByTestId('delivery-status').first()).toHaveText('Delivered', { timeout: 20_000 });
    await expect(log.locator('tbody tr.ant-table-row').first()).toContainText('webhook.test');
    await expect(log.locator('tbody tr.ant-table-row').first()).toContainText('200');

    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit?.headers['leadtrail-signature']));
    expect(m?.[2]).toBe(createHmac('sha256', secret).update(`${m?.[1]}.${hit?.body}`).digest('hex'));
    expect(JSON.parse(hit?.body ?? '{}')).toMatchObject({ type: 'webhook.test', site_id: 'demo-shop' });

    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: testInfo.outputPath(`webhooks-${width}.png`), fullPage: true });
    }
  } finally {
    await receiver.close();
  }
});
