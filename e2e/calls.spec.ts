import { expect, test, type Page } from './support/test';
import { signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';
import { FAKE_MEDIA, takeCalls } from './support/media';

// Two real Chromium browsers with fake media devices: the visitor calls from the widget, the
// agent answers in the dashboard, audio flows both ways (getStats), the agent hangs up and
// the duration is in the agents report; an unanswered call becomes missed and a callback.
test.use(FAKE_MEDIA);

/** Every RTCPeerConnection a page makes, kept for the test to read getStats() from. */
const KEEP_PEERS = () => {
  const Original = window.RTCPeerConnection;
  const kept: RTCPeerConnection[] = [];
  (window as unknown as { __peers: RTCPeerConnection[] }).__peers = kept;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      kept.push(this);
    }
  };
};

/** Inbound audio bytes of the page's newest peer connection. */
const inboundBytes = (page: Page) =>
  page.evaluate(async () => {
    const peers = (window as unknown as { __peers?: RTCPeerConnection[] }).__peers ?? [];
    const pc = peers.at(-1);
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
    });
    return bytes;
  });

async function setCalls(page: Page, enabled: boolean) {
  await page.goto('/settings/sites/demo-shop');
  await page.getByTestId('service-edit').click();
  const toggle = page.getByTestId('calls-enabled-switch');
  if ((await toggle.getAttribute('aria-checked')) !== String(enabled)) await toggle.click();
  await page.getByTestId('calls-ring-seconds').fill('5');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('calls-enabled')).toContainText(enabled ? 'On' : 'Off');
}

test('a visitor calls, the agent answers, audio flows both ways, the duration reaches the agents report; an unanswered call becomes a callback', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  await agent.addInitScript(KEEP_PEERS);
  await signIn(agent);
  await setCalls(agent, true);
  await takeCalls(agent);

  const { shop, close } = await visitorPage(browser, testInfo);
  await shop.context().addInitScript(KEEP_PEERS);
  await shop.reload();
  // Called from an open chat: the chat history lists the calls and the transcript has the line.
  await startPrechat(shop, { name: 'Caller Visitor', question: 'Can you call me?' });
  await expect(widget(shop, 'call-us')).toBeVisible({ timeout: 20_000 });
  await widget(shop, 'call-us').click();
  await expect(widget(shop, 'call-status')).toContainText('Calling');

  // The console rings with the visitor's context.
  const ringing = agent.getByTestId('call-ringing');
  await expect(ringing).toBeVisible({ timeout: 15_000 });
  await expect(ringing).toContainText('/demo/products');
  await ringing.getByTestId('call-answer').click();
  await expect(agent.getByTestId('call-active')).toHaveAttribute('data-status', 'active');
  await expect(widget(shop, 'call-status')).toContainText('On a call with', { timeout: 15_000 });

  // Both peers receive audio, and keep receiving it.
  await expect.poll(() => inboundBytes(agent), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => inboundBytes(shop), { timeout: 20_000 }).toBeGreaterThan(0);
  const agentBefore = await inboundBytes(agent);
  const visitorBefore = await inboundBytes(shop);
  await expect.poll(() => inboundBytes(agent), { timeout: 10_000 }).toBeGreaterThan(agentBefore);
  await expect.poll(() => inboundBytes(shop), { timeout: 10_000 }).toBeGreaterThan(visitorBefore);
  await expect(agent.getByTestId('call-timer')).toHaveText(/^0:0[2-9]|^0:[1-5]\d/, { timeout: 10_000 });

  await agent.getByTestId('call-hangup').click();
  await expect(agent.getByTestId('call-ended')).toBeVisible();
  await expect(widget(shop, 'call-status')).toHaveText('The call has ended.');

  await agent.goto('/s/demo-shop/agents');
  const talk = agent.getByTestId('agent-talk-time').filter({ hasNotText: '—' });
  await expect(talk.first()).toBeVisible({ timeout: 15_000 });

  // Nobody answers within the ring time: missed, and the widget offers a callback.
  await agent.goto('/s/demo-shop/chats');
  await widget(shop, 'call-close').click();
  await expect(widget(shop, 'call-us')).toBeVisible({ timeout: 15_000 });
  await widget(shop, 'call-us').click();
  await expect(agent.getByTestId('call-ringing')).toBeVisible({ timeout: 15_000 });
  await expect(widget(shop, 'call-status')).toHaveText('Nobody could answer just now.', { timeout: 20_000 });
  const form = widget(shop, 'call-callback');
  await form.getByLabel('Phone').fill('+44 20 7946 0018');
  const at = await form.locator('input[name="at"]').getAttribute('min');
  await form.locator('input[name="at"]').fill(at!.slice(0, 16));
  await form.getByRole('button').click();
  await expect(widget(shop, 'call-status')).toHaveText('Thank you! We will call you at the time you chose.');
  await agent.goto('/s/demo-shop/leads');
  await expect(agent.getByText('+44 20 7946 0018').first()).toBeVisible({ timeout: 15_000 });

  // Chat history: the chat shows its two calls (one missed) under the "with calls" filter.
  await agent.goto('/s/demo-shop/chat-history');
  await agent.getByTestId('chat-history-calls').click();
  await agent.locator('.ant-select-dropdown:visible').getByTitle('With calls').click();
  const row = agent.getByTestId('chat-history-table').locator('tr', { hasText: 'Caller Visitor' });
  await expect(row.getByTestId('chat-calls')).toContainText(/^2 calls · \d+s/, { timeout: 15_000 });
  await expect(row.getByTestId('chat-calls-missed')).toHaveText('1 missed');
  await row.getByTestId('chat-open').click();
  const drawer = agent.getByTestId('transcript-drawer');
  await expect(drawer.getByTestId('chat-calls')).toContainText('2 calls');
  await expect(drawer.locator('[data-testid="chat-message"][data-sender="system"]')).toContainText(/^Call · \d+s/);
  await agent.setViewportSize({ width: 1440, height: 900 });
  await drawer.screenshot({ path: testInfo.outputPath('chat-history-calls-drawer-1440.png') });
  await agent.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await agent.screenshot({ path: testInfo.outputPath('chat-history-calls-1440.png'), fullPage: true });
  await agent.setViewportSize({ width: 390, height: 844 });
  await agent.screenshot({ path: testInfo.outputPath('chat-history-calls-390.png'), fullPage: true });
  await agent.setViewportSize({ width: 1440, height: 900 });

  await setCalls(agent, false);
  await close();
});
