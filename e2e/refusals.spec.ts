import { expect, test } from './support/test';
import { signIn } from './support/session';
import { bubbles, sameVisitorElsewhere, sendInvitation, widget } from './support/visitor';

// Refusals travel as codes (AgentRefusal, VisitorRefusal) and each screen says them in its
// own language: here a Chinese agent and a Chinese visitor, so no English may show.

test('a Chinese agent and a Chinese visitor see refusals in Chinese', async ({ page: agent, browser }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await agent.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');

  const zh = { baseURL: testInfo.project.use.baseURL, userAgent: testInfo.project.use.userAgent, locale: 'zh-CN' };
  const visitorContext = await browser.newContext(zh);
  const shop = await visitorContext.newPage();
  await shop.goto('/demo/products');
  const visitorId = String(await (await shop.waitForFunction(() => localStorage.getItem('lt_vid'))).jsonValue());
  await expect(widget(shop, 'launcher')).toHaveText('在线咨询', { timeout: 10_000 });
  await widget(shop, 'launcher').click();
  await widget(shop, 'prechat').getByLabel('有什么可以帮您？').fill('茶具有货吗？');
  await widget(shop, 'start').click();
  await expect(bubbles(shop)).toHaveText(['茶具有货吗？']);

  // The visitor is already chatting: the invitation is refused with already_chatting, said in Chinese.
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await row.getByTestId('invite').click();
  await sendInvitation(agent, '邀请未发送：访客已在对话中。');

  // A browser that knows only the visitor id cannot start a chat beside it: chat_locked, in Chinese.
  const { spy, close: closeSpy } = await sameVisitorElsewhere(browser, testInfo, shop, 'zh-CN');
  await expect(widget(spy, 'launcher')).toHaveText('在线咨询', { timeout: 10_000 });
  await widget(spy, 'launcher').click();
  await widget(spy, 'prechat').getByLabel('有什么可以帮您？').fill('给我看记录');
  await widget(spy, 'start').click();
  await expect(spy.locator('#leadtrail-widget [role="alert"]')).toHaveText('您的对话已在其他浏览器或窗口中进行。');
  await closeSpy();

  // The agent closes the chat so later journeys start with a free agent.
  await agent.goto('/s/demo-shop/chats');
  await agent.getByTestId('chat-item').filter({ hasText: '茶具有货吗' }).first().click();
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await visitorContext.close();
});
