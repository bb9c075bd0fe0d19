import { expect, test, type Page } from './support/test';
import { pickOption } from './support/antd';
import { signIn } from './support/session';
import { bubbles, visitorPage, widget } from './support/visitor';

// The robot on the demo shop, in real Chromium: with nobody online it answers from the
// knowledge base, takes a rating and, asked for a person, offers the offline form; in
// Chinese, asked for 转人工 once an agent is back, it hands the chat over with its part marked.

const ARTICLES = [
  {
    question: 'How long does delivery take?',
    alternates: ['When will my parcel arrive?', 'Shipping time'],
    answer: 'Delivery takes 3-5 business days.\n- Tracked parcel\n- Free over ¥199',
    category: 'Delivery',
    language: 'en',
    selfServiceUrl: 'https://shop.example/track',
  },
  {
    question: '怎么退货？',
    alternates: ['如何退货', '不想要了怎么办'],
    answer: '签收后7天内在订单页申请退货。',
    category: '退换货',
    language: 'zh',
  },
];

/** A mutation as the dashboard sends it (same origin, the admin's cookie). */
async function mutate(page: Page, path: string, input: unknown): Promise<void> {
  const status = await page.evaluate(
    async ([p, body]) =>
      (await fetch(`/api/trpc/${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status,
    [path, JSON.stringify(input)] as const,
  );
  expect(status).toBe(200);
}

async function setStatus(agent: Page, status: 'Online' | 'Away') {
  await agent.getByTestId('agent-status').getByText(status).click();
  await expect(agent.getByTestId('agents-online')).toHaveText(status === 'Away' ? 'No agent online' : '1 agent online');
}

test('the robot answers while nobody is online, then hands a Chinese visitor to the agent', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(agent);
  await agent.goto('/');
  await mutate(agent, 'kb.import', { siteId: 'demo-shop', format: 'json', text: JSON.stringify(ARTICLES) });

  // The robot answers when no agent can chat: chosen in the site's settings.
  await agent.goto('/settings/sites/demo-shop');
  await agent.getByTestId('service-edit').click();
  await pickOption(agent, agent.getByTestId('robot-mode-select'), 'When no agent can chat');
  await agent.screenshot({ path: testInfo.outputPath('service-form-1440.png') });
  await agent.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await expect(agent.getByTestId('robot-mode')).toHaveText('When no agent can chat');

  await agent.goto('/s/demo-shop/chats');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  await setStatus(agent, 'Away');

  // English visitor: the chat button stays, the robot answers from the article.
  const en = await visitorPage(browser, testInfo);
  const shop = en.shop;
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us', { timeout: 15_000 });
  await widget(shop, 'launcher').click();
  await widget(shop, 'prechat').getByLabel('How can we help?').fill('When will my parcel arrive?');
  await widget(shop, 'start').click();
  await expect(widget(shop, 'status')).toContainText('automatic answers');
  const answer = bubbles(shop).nth(1);
  await expect(answer).toContainText('Delivery takes 3-5 business days.');
  await expect(answer.locator('li')).toHaveText(['Tracked parcel', 'Free over ¥199']);
  await expect(answer.locator('[data-lt="self-service"]')).toHaveAttribute('href', 'https://shop.example/track');
  await answer.locator('[data-lt="helpful"]').click();
  await expect(answer.locator('[data-lt="robot-rate"]')).toHaveText('Thanks for letting us know.');
  await shop.screenshot({ path: testInfo.outputPath('robot-answer-1440.png') });

  // A person, please: nobody is online, so the robot offers the offline form in the chat.
  await widget(shop, 'talk-to-person').click();
  await expect(bubbles(shop).last()).toContainText('No one from our team is available');
  const form = shop.locator('#leadtrail-widget [data-lt="offline-message"]');
  await form.getByLabel('Email').fill('ann@example.com');
  await form.getByLabel('Message').fill('Please tell me when my parcel ships');
  await form.locator('button.primary').click();
  await expect(widget(shop, 'offline-done')).toContainText('We will get back to you soon');
  await expect(widget(shop, 'status')).toHaveText('The chat has ended.');
  await en.close();

  // Chinese visitor on a phone-sized screen: the robot answers in Chinese.
  const zhContext = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
  });
  const zh = await zhContext.newPage();
  await zh.goto('/demo/products');
  await expect(widget(zh, 'launcher')).toHaveText('在线咨询', { timeout: 15_000 });
  await widget(zh, 'launcher').click();
  await widget(zh, 'prechat').getByLabel('有什么可以帮您？').fill('如何退货');
  await widget(zh, 'start').click();
  await expect(bubbles(zh).nth(1)).toContainText('签收后7天内在订单页申请退货。');
  await zh.screenshot({ path: testInfo.outputPath('robot-answer-zh-390.png') });

  // The agent is back; 转人工 hands the chat over, with the robot's part marked.
  await setStatus(agent, 'Online');
  await widget(zh, 'input').fill('转人工');
  await widget(zh, 'input').press('Enter');
  await expect(widget(zh, 'status')).toContainText('正在为您服务', { timeout: 10_000 });
  await agent.getByTestId('chat-item').filter({ hasText: '正在为您转接人工客服' }).first().click();
  const transcript = agent.getByTestId('transcript');
  await expect(transcript.locator('[data-sender="robot"]')).toHaveCount(2);
  await expect(transcript.locator('[data-sender="robot"]').first().getByTestId('robot-mark')).toHaveText('Robot');
  await expect(transcript.getByTestId('robot-guesses').first()).toContainText('怎么退货？');
  await agent.screenshot({ path: testInfo.outputPath('robot-console-1440.png') });
  await agent.getByTestId('chat-input').fill('您好，我来帮您办理退货');
  await agent.getByTestId('chat-input').press('Enter');
  await expect(bubbles(zh).last()).toHaveText('您好，我来帮您办理退货');
  await zhContext.close();

  // The robot's report shows both chats, one of them handed over.
  await agent.goto('/s/demo-shop/robot?range=today');
  await expect(agent.getByTestId('robot-chats')).toContainText('2');
  // The English visitor asked for a person (offered the offline form), the Chinese one was handed over.
  await expect(agent.getByTestId('robot-handover')).toContainText('100%');
  await expect(agent.getByTestId('robot-articles')).toContainText('How long does delivery take?');
  await agent.screenshot({ path: testInfo.outputPath('robot-report-1440.png'), fullPage: true });
});
