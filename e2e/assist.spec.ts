import { expect, test } from './support/test';
import { signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';

// Agent assist: while the visitor types, the console suggests knowledge-base articles, and
// Alt+1 puts the first answer in the reply box for the agent to edit; the agents report counts it.
test('an agent sees suggested answers while the visitor types and inserts one with Alt+1', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/');
  const stamp = Date.now();
  const address = {
    question: `How do I change my delivery address? (${stamp})`,
    answer: 'Open My orders, pick the order and choose Change address before it ships.',
  };
  for (const article of [
    address,
    { question: 'How long does a refund take?', answer: 'Refunds reach your card within 5 working days.' },
    { question: 'Can I get an invoice?', answer: 'Every order page has a Download invoice button.' },
  ]) {
    const saved = await agent.request.post('/api/trpc/kb.save', {
      data: { siteId: 'demo-shop', article: { ...article, language: 'en' } },
      headers: { origin: new URL(agent.url()).origin },
    });
    expect(saved.status()).toBe(200);
  }

  await agent.goto('/s/demo-shop/chats');
  const { shop, close } = await visitorPage(browser, testInfo);
  await startPrechat(shop, { name: 'Assist Visitor', question: 'Hello' });
  await agent.getByTestId('chat-item').filter({ hasText: 'Assist Visitor' }).first().click();
  await expect(agent.getByTestId('conversation')).toBeVisible();

  await widget(shop, 'input').pressSequentially('how can i change the delivery adress', { delay: 20 });
  await expect(agent.getByTestId('visitor-preview')).toContainText('delivery adress');
  // The demo shop's own knowledge base answers the same question too: this spec's article is
  // one of the three, and its shortcut is the one shown beside it.
  const suggestions = agent.getByTestId('assist-suggestion');
  const ours = suggestions.filter({ hasText: address.question });
  await expect(ours).toHaveCount(1, { timeout: 10_000 });
  expect(await suggestions.count()).toBeLessThanOrEqual(3);
  const shortcut = (await ours.textContent())?.match(/Alt\+[1-3]/)?.[0];
  expect(shortcut).toBeDefined();
  await agent.screenshot({ path: testInfo.outputPath('assist-1440.png') });

  await agent.getByTestId('chat-input').fill('Sure! ');
  await agent.keyboard.press(shortcut ?? 'Alt+1');
  await expect(agent.getByTestId('chat-input')).toHaveValue(`Sure!\n${address.answer}`);

  await agent.goto('/s/demo-shop/agents');
  const usage = agent.getByTestId('suggestion-usage-table').locator('tbody tr.ant-table-row');
  await expect(usage.filter({ hasText: 'Admin' }).first()).toBeVisible({ timeout: 30_000 });
  await agent.getByTestId('suggestion-usage').screenshot({ path: testInfo.outputPath('usage.png') });
  await close();
});
