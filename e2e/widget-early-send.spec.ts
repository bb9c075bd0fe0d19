import { expect, test, type Page, type WebSocketRoute } from './support/test';
import { signIn } from './support/session';
import { widget } from './support/visitor';

// A visitor on a slow link can fill the offline form before the widget's socket has its
// welcome. What they send then must arrive once the welcome does, and the callback form,
// whose time is read on the site's clock, must not send before it knows that clock.

async function setStatus(agent: Page, status: 'Away' | 'Online', online: string) {
  await agent.goto('/s/demo-shop/chats');
  await agent.getByTestId('agent-status').getByText(status).click();
  await expect(agent.getByTestId('agents-online')).toHaveText(online, { timeout: 30_000 });
}

test('a form sent before the socket is ready arrives after the welcome', async ({ page: agent, browser }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await setStatus(agent, 'Away', 'No agent online');
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
  });
  try {
    // Hold everything the server says to the widget until released: the page sees a socket that
    // is open but not yet welcomed, as on a slow link.
    let held: (string | Buffer)[] | null = [];
    let route: WebSocketRoute | undefined;
    await context.routeWebSocket(/\/ws\/visitor/, (ws) => {
      route = ws;
      const server = ws.connectToServer();
      server.onMessage((m) => (held ? held.push(m) : ws.send(m)));
    });
    const shop = await context.newPage();
    await shop.goto('/demo/products');
    await expect.poll(() => route !== undefined, { timeout: 15_000 }).toBe(true);
    await expect.poll(() => held?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);

    await widget(shop, 'launcher').click();
    await widget(shop, 'offline').getByRole('button', { name: 'Call me back' }).click();
    await expect(widget(shop, 'callback').getByRole('button', { name: 'Send' })).toBeDisabled();
    await widget(shop, 'offline').getByRole('button', { name: 'Leave a message' }).click();
    const form = widget(shop, 'offline-message');
    await form.getByLabel('Name').fill('Early Sender');
    await form.getByLabel('Email').fill('early.sender@example.com');
    await form.getByLabel('Message').fill('Sent before the widget was connected.');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(widget(shop, 'offline-done')).toBeHidden();

    const release = held;
    held = null;
    for (const m of release) route?.send(m);
    await expect(widget(shop, 'offline-done')).toHaveText('Thank you! We will get back to you soon.', {
      timeout: 15_000,
    });
    // The forms are put away behind the thank-you; the callback form below them knows the clock now.
    await expect(widget(shop, 'callback').locator('button.primary')).toBeEnabled();
    await expect(widget(shop, 'callback-zone')).toHaveText('Time in Asia/Shanghai');
  } finally {
    await context.close();
    await setStatus(agent, 'Online', '1 agent online');
  }
});
