import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';

// Files in chat, both ways, in real Chromium: the visitor pastes a screenshot into the
// widget, the agent sees its thumbnail and sends a PDF back, which the visitor downloads.

// A real 1×1 PNG and a minimal PDF.
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a visitor pastes an image, the agent sees the thumbnail and sends a PDF the visitor downloads', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  const { shop, close } = await visitorPage(browser, testInfo);
  const name = `Files Visitor ${Date.now()}`;
  await startPrechat(shop, { name, email: 'files.visitor@example.com', question: 'Here is a screenshot of the error' });
  await agent.getByTestId('chat-item').filter({ hasText: name }).first().click();
  await expect(agent.getByTestId('conversation')).toBeVisible();

  // A paste of a screenshot in the reply box, as Ctrl+V of a copied image does.
  await widget(shop, 'input').evaluate((input, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true }));
  }, PNG_B64);

  // Both sides show it as a picture that really loaded: the agent through the session, the visitor with the chat token.
  const thumb = agent.getByTestId('transcript').getByTestId('chat-file-image').locator('img');
  await expect(thumb).toHaveCount(1, { timeout: 10_000 });
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const own = widget(shop, 'file-image');
  await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // The agent attaches a PDF with the paperclip's file picker.
  await agent
    .getByTestId('chat-file-input')
    .setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: PDF });
  const chip = widget(shop, 'file-chip');
  await expect(chip).toContainText('quote.pdf');
  await expect(agent.getByTestId('transcript').getByTestId('chat-file')).toContainText('quote.pdf');
  const [download] = await Promise.all([shop.waitForEvent('download'), chip.click()]);
  expect(download.suggestedFilename()).toBe('quote.pdf');
  expect(readFileSync(await download.path()).equals(PDF)).toBe(true);
  await shop.screenshot({ path: testInfo.outputPath('widget-files.png') });
  await agent.screenshot({ path: testInfo.outputPath('console-files.png') });

  // A file the server refuses says why, in the widget.
  await widget(shop, 'file-input').setInputFiles({
    name: 'page.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  });
  await expect(shop.locator('#leadtrail-widget [role="alert"]')).toContainText('This type of file cannot be sent');

  // "Email me this transcript": a bad address is caught in the widget; a good one gets the server's answer
  // (queued, or mail not set up: other specs on this server may configure a relay).
  await widget(shop, 'transcript').click();
  await widget(shop, 'transcript-email').fill('not an address');
  await widget(shop, 'transcript-email').press('Enter');
  await expect(widget(shop, 'transcript-note')).toHaveText('Please enter a valid email address.');
  await widget(shop, 'transcript-email').fill('me@example.com');
  await widget(shop, 'transcript-email').press('Enter');
  await expect(widget(shop, 'transcript-note')).toHaveText(
    /^(On its way to your inbox\.|Email is not available right now\.)$/,
  );
  // The console sends it to the address of the pre-chat form.
  await agent.getByTestId('chat-email-transcript').click();
  await expect(agent.getByText(/Transcript queued to the visitor's email\.|Mail is not set up/)).toBeVisible();
  // Done: close the chat so later journeys find the agent free (an open chat holds one of their slots).
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await close();
});
