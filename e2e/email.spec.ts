import { expect, test } from './support/test';
import { createTransport } from 'nodemailer';
import { startDovecot, startSmtpRelay } from '../server/testing/mail-servers';
import { pickOption } from './support/antd';
import { signIn } from './support/session';

// An admin points the demo shop at a real mailbox (Dovecot) and relay (smtp-server), a
// customer writes, the mail shows in the console as an email conversation, and the agent's
// reply lands in the customer's mailbox, threaded.
const SUPPORT = 'support@shop.test';
const ALICE = 'alice@customer.test';
const USERS = { [SUPPORT]: 'support-pw', [ALICE]: 'alice-pw' };

test('a customer email becomes a console conversation with its channel, and the reply is sent threaded', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const dovecot = await startDovecot(USERS);
  const relay = await startSmtpRelay(async (to, raw) => {
    if (to in USERS) await dovecot.deliver(to, raw);
  });
  try {
    await signIn(page);
    await page.goto('/settings/mail');
    await page.getByTestId('smtp-host').fill('127.0.0.1');
    await page.getByTestId('smtp-port').fill(String(relay.port));
    await pickOption(page, page.getByTestId('smtp-security'), 'None');
    await page.getByTestId('smtp-from').fill('noreply@shop.test');
    await page.getByTestId('smtp-save').click();
    await expect(page.getByText('Saved').first()).toBeVisible();

    await pickOption(page, page.getByTestId('mail-site'), 'Demo Shop');
    await page.getByTestId('mailbox-enabled').click();
    await page.getByTestId('mailbox-address').fill(SUPPORT);
    await page.getByTestId('mailbox-host').fill('127.0.0.1');
    await page.getByTestId('mailbox-port').fill(String(dovecot.port));
    await pickOption(page, page.getByTestId('mailbox-security'), 'None');
    await page.getByTestId('mailbox-user').fill(SUPPORT);
    await page.getByTestId('mailbox-password').fill(USERS[SUPPORT]);
    await page.getByTestId('site-mail-save').click();
    await expect(page.getByTestId('mailbox-check')).toBeEnabled();
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: testInfo.outputPath(`mail-settings-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    const customer = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true });
    await customer.sendMail({
      from: `Alice Doe <${ALICE}>`,
      to: SUPPORT,
      subject: 'Teapot size',
      text: 'Is the blue teapot 1 litre?',
      messageId: '<teapot.1@customer.test>',
    });
    customer.close();
    await page.getByTestId('mailbox-check').click();
    await expect(page.getByText('1 new mail read')).toBeVisible({ timeout: 20_000 });

    await page.goto('/s/demo-shop/chats');
    const item = page.getByTestId('chat-item').filter({ hasText: 'Alice Doe' });
    await expect(item.getByTestId('chat-channel')).toHaveText('Email', { timeout: 15_000 });
    await item.click();
    await expect(page.getByTestId('transcript').getByTestId('chat-message')).toHaveText([
      /Is the blue teapot 1 litre\?/,
    ]);
    await page.getByTestId('chat-input').fill('Yes, it holds exactly one litre.');
    await page.getByTestId('chat-input').press('Enter');
    await expect(page.getByTestId('transcript').getByTestId('chat-message')).toHaveText([/teapot/, /one litre/]);

    await expect.poll(async () => (await dovecot.inbox(ALICE)).length, { timeout: 20_000 }).toBe(1);
    const [reply] = await dovecot.inbox(ALICE);
    expect(reply?.subject).toBe('Re: Teapot size');
    expect(reply?.inReplyTo).toBe('<teapot.1@customer.test>');
    expect(reply?.text?.trim()).toBe('Yes, it holds exactly one litre.');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: testInfo.outputPath(`email-console-${width}.png`), fullPage: true });
    }
    // Later specs count on this agent's free chat slots on the demo shop.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('chat-close').click();
    await expect(page.getByTestId('chat-item').filter({ hasText: 'Alice Doe' })).toContainText('Closed');
    // The mailbox goes away with this spec's Dovecot: later specs should not poll a closed port.
    await page.goto('/settings/mail');
    await pickOption(page, page.getByTestId('mail-site'), 'Demo Shop');
    await expect(page.getByTestId('mailbox-enabled')).toBeChecked();
    await page.getByTestId('mailbox-enabled').click();
    await page.getByTestId('site-mail-save').click();
    await expect(page.getByText('Saved').first()).toBeVisible();
  } finally {
    await relay.close();
    await dovecot.close();
  }
});
