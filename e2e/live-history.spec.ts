import { expect, test } from './support/test';
import { openChats, signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';

// The Live drawer of a visitor we know: the agent sees what happened before (chats, leads,
// orders) without leaving Live, and reaches the profile and the transcript from there.

test("the Live drawer shows a returning visitor's past chat, lead and order and links to the profile", async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = `wang.fang.${Date.now()}@example.com`;
  const question = 'Is the tea set gift-wrapped?';
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');

  // The visitor chats through the pre-chat form (a chat and a lead), then orders in the shop.
  const { shop, visitorId, close } = await visitorPage(browser, testInfo);
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await startPrechat(shop, { name: 'Wang Fang', email, question });
  await openChats(agent);
  await agent.getByTestId('chat-item').filter({ hasText: 'Wang Fang' }).first().click();
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await shop.goto('/demo/products/tea-set');
  await shop.locator('#order').click();
  await expect(shop.locator('#ordered')).toContainText('placed');

  await agent.goto('/s/demo-shop/live');
  await expect(row.getByTestId('live-visitor')).toHaveText(/Wang Fang/, { timeout: 10_000 });
  await row.click();
  const drawer = agent.getByTestId('live-drawer');
  const history = drawer.getByTestId('live-history');
  const chat = history.getByTestId('live-history-chat');
  await expect(chat).toHaveCount(1, { timeout: 10_000 });
  await expect(chat).toContainText(question);
  await expect(chat).toContainText('Admin');
  const lead = history.getByTestId('live-history-lead');
  await expect(lead).toHaveCount(1);
  await expect(lead).toContainText('New');
  await expect(lead).toContainText(email);
  // The order reaches the store through the batch writer: the drawer asks again until it is there.
  const order = history.getByTestId('live-history-order');
  await expect(order).toHaveCount(1, { timeout: 15_000 });
  await expect(order).toContainText('¥399.00');
  await expect(order).toContainText('Placed');
  await agent.setViewportSize({ width: 1440, height: 900 });
  await agent.screenshot({ path: '/tmp/live-history-1440.png' });
  await agent.setViewportSize({ width: 390, height: 844 });
  await history.scrollIntoViewIfNeeded();
  await agent.screenshot({ path: '/tmp/live-history-390.png' });
  await agent.setViewportSize({ width: 1280, height: 720 });

  // The transcript opens in Chat history, and the profile is the same person.
  await chat.getByTestId('live-history-transcript').click();
  await expect(agent).toHaveURL(/\/s\/demo-shop\/chat-history\?chat=/);
  await expect(agent.getByTestId('transcript')).toContainText(question);
  await agent.goBack();
  await row.click();
  await drawer.getByTestId('live-history-profile').click();
  await expect(agent).toHaveURL(new RegExp(`/s/demo-shop/visitors/${visitorId}$`));
  await expect(agent.getByTestId('visitor-name')).toHaveText('Wang Fang');
  await close();
});

test("a first-time visitor's drawer says there is no history yet", async ({ page: agent, browser }, testInfo) => {
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  const { visitorId, close } = await visitorPage(browser, testInfo);
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await row.click();
  await expect(agent.getByTestId('live-history-empty')).toBeVisible({ timeout: 10_000 });
  await expect(agent.getByTestId('live-history-chat')).toHaveCount(0);
  await close();
});
