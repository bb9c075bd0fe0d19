import { expect, test } from './support/test';
import { startReceiver } from '../server/testing/webhook-receiver';
import { verifySignature } from '../server/webhooks/signature';
import { pickOption } from './support/antd';
import { signIn } from './support/session';

// An admin creates an API channel for the demo shop, an app posts a customer's message with
// the channel key, the agent answers it in the console, and the reply reaches the channel's
// webhook receiver, signed with the secret the screen showed once.
test('an agent answers a channel-API message in the console and the reply reaches the receiver', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  try {
    await signIn(page);
    await page.goto('/settings/channels');
    await pickOption(page, page.getByTestId('channels-site'), 'Demo Shop');
    await page.getByTestId('channel-name').fill('Shop app');
    await page.getByTestId('channel-url').fill(receiver.url);
    await page.getByTestId('channel-create').click();
    const key = (await page.getByTestId('channel-key').innerText()).trim();
    const secret = (await page.getByTestId('channel-secret').innerText()).trim();
    expect(key).toMatch(/^lt_chan_[\w-]{43}$/);
    await expect(page.getByTestId('api-channels-table')).toContainText('Shop app');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: testInfo.outputPath(`channels-settings-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    const sent = await request.post('/api/v1/channel/messages', {
      headers: { authorization: `Bearer ${key}` },
      data: { senderId: 'app-user-42', text: 'Do you ship to Hangzhou?', name: 'Zhou Min', messageId: 'app-msg-1' },
    });
    expect(sent.status()).toBe(200);
    const forged = await request.post('/api/v1/channel/messages', {
      headers: { authorization: 'Bearer lt_chan_not-a-real-key' },
      data: { senderId: 'app-user-42', text: 'forged' },
    });
    expect(forged.status()).toBe(401);

    await page.goto('/s/demo-shop/chats');
    const item = page.getByTestId('chat-item').filter({ hasText: 'Zhou Min' });
    await expect(item.getByTestId('chat-channel')).toHaveText('App', { timeout: 15_000 });
    await item.click();
    await expect(page.getByTestId('transcript').getByTestId('chat-message')).toHaveText([/ship to Hangzhou/]);
    await page.getByTestId('chat-input').fill('Yes, in two days.');
    await page.getByTestId('chat-input').press('Enter');
    await expect(page.getByTestId('transcript').getByTestId('chat-message')).toHaveText([/Hangzhou/, /two days/]);

    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = receiver.received;
    expect(verifySignature(secret, String(delivery?.headers['leadtrail-signature']), delivery?.body ?? '')).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      type: 'channel.reply',
      site_id: 'demo-shop',
      data: { sender_id: 'app-user-42', text: 'Yes, in two days.' },
    });
    await page.screenshot({ path: testInfo.outputPath('channels-console-1440.png'), fullPage: true });

    await page.goto('/settings/channels');
    await pickOption(page, page.getByTestId('channels-site'), 'Demo Shop');
    await expect(page.getByTestId('channel-deliveries')).toContainText('Delivered');
    // The WeChat account: saved, and its secrets kept (not shown) when the form comes back.
    await expect(page.getByTestId('wechat-server-url')).toContainText('/wechat/demo-shop');
    await page.getByTestId('wechat-app-id').fill('wx1234567890abcdef');
    await page.getByTestId('wechat-app-secret').fill('a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6');
    await page.getByTestId('wechat-token').fill('leadtrailToken');
    await page.getByTestId('wechat-aes-key').fill('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    await page.getByTestId('wechat-save').click();
    await expect(page.getByText('Saved').first()).toBeVisible();
    await page.reload();
    await pickOption(page, page.getByTestId('channels-site'), 'Demo Shop');
    await expect(page.getByTestId('wechat-app-id')).toHaveValue('wx1234567890abcdef');
    await expect(page.getByTestId('wechat-app-secret')).toHaveValue('');
    await expect(page.getByTestId('wechat-card')).toContainText('A secret is stored');
    // Off again: later specs need no WeChat account on the demo shop.
    await page.getByTestId('wechat-enabled').click();
    await page.getByTestId('wechat-save').click();
    await expect(page.getByText('Saved').first()).toBeVisible();
    // Later specs count on this agent's free chat slots on the demo shop.
    await page.goto('/s/demo-shop/chats');
    await page.getByTestId('chat-item').filter({ hasText: 'Zhou Min' }).click();
    await page.getByTestId('chat-close').click();
    await expect(page.getByTestId('chat-item').filter({ hasText: 'Zhou Min' })).toContainText('Closed');
  } finally {
    await receiver.close();
  }
});
