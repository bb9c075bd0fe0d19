import { expect, test, type Page } from './support/test';
import { closeList, pickMany, pickOption } from './support/antd';
import { signIn } from './support/session';
import { startPrechat, visitorPage } from './support/visitor';

// Customer tags in real Chromium: a tag added in the chat console shows on the profile and
// narrows the Overview; an automatic rule tags past visitors at once and new ones as they come.

const SITE = 'demo-shop';

async function createTag(page: Page, name: string): Promise<void> {
  await page.goto(`/s/${SITE}/tags?tab=tags`);
  await page.getByTestId('tag-new').click();
  await page.getByTestId('tag-name').fill(name);
  await page.getByTestId('tag-save').click();
  await expect(page.getByTestId('tags-table')).toContainText(name);
}

test('a tag added in the console shows on the profile and filters the Overview', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(agent);
  const tagName = `VIP ${testInfo.workerIndex}-${Date.now() % 100000}`;
  const name = `Tagged ${Date.now() % 100000}`;
  await createTag(agent, tagName);

  await agent.goto(`/s/${SITE}/chats`);
  await expect(agent.getByTestId('agents-online')).toHaveText(/^[1-9]\d* agents? online$/);
  const visitor = await visitorPage(browser, testInfo);
  await startPrechat(visitor.shop, { name, question: 'Is the tea set in stock?' });
  await agent.getByTestId('chat-item').filter({ hasText: name }).click();
  const context = agent.getByTestId('visitor-context');
  await pickOption(agent, context.getByTestId('tag-add-visitor'), tagName);
  await expect(context.getByTestId('tag-chips-visitor').getByTestId('tag-chip')).toHaveText([tagName]);
  await agent.screenshot({ path: testInfo.outputPath('console-tagged.png') });

  await agent.goto(`/s/${SITE}/visitors/${visitor.visitorId}`);
  // A profile reads the person's whole history first: slow on a busy runner.
  await expect(agent.getByTestId('tag-chips-visitor').getByTestId('tag-chip')).toHaveText([tagName], {
    timeout: 20_000,
  });

  // The week's Overview under the tag: only this one visitor.
  await agent.goto(`/s/${SITE}/overview?range=7d`);
  const visitors = agent.getByTestId('kpi-visitors').getByTestId('kpi-value');
  await expect(visitors).toBeVisible({ timeout: 20_000 });
  await expect(visitors).not.toHaveText('1');
  await pickMany(agent, agent.getByTestId('filter-tag'), tagName);
  await closeList(agent);
  await expect(agent).toHaveURL(/[?&]tag=tg_/);
  await expect(agent.getByTestId('kpi-visitors').getByTestId('kpi-value')).toHaveText('1', { timeout: 15_000 });
  await agent.screenshot({ path: testInfo.outputPath('overview-by-tag.png'), fullPage: true });
  await visitor.close();
});

test('an automatic rule tags past visitors at once and a new visitor as they browse', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(admin);
  const tagName = `Browser ${testInfo.workerIndex}-${Date.now() % 100000}`;
  await createTag(admin, tagName);

  await admin.goto(`/s/${SITE}/tags?tab=rules`);
  await admin.getByTestId('rule-new').click();
  await admin.getByTestId('rule-name').fill('Two pages or more');
  await pickOption(admin, admin.getByTestId('rule-tag'), tagName);
  await pickOption(admin, admin.getByTestId('rule-kind'), 'Viewed a page pattern at least N times');
  await admin.getByTestId('rule-pattern').fill('*');
  await admin.getByTestId('rule-save').click();
  // The demo history has visitors with two page views or more: the pass tags them and says how many.
  await expect(admin.getByTestId('rule-done')).toHaveText(/^Done: [1-9][\d,]* past visitors tagged$/, {
    timeout: 60_000,
  });
  await admin.screenshot({ path: testInfo.outputPath('rule-done.png'), fullPage: true });

  const visitor = await visitorPage(browser, testInfo);
  await visitor.shop.goto('/demo/pricing');
  const chips = admin.getByTestId('tag-chips-visitor').getByTestId('tag-chip');
  await expect(async () => {
    await admin.goto(`/s/${SITE}/visitors/${visitor.visitorId}`);
    await expect(chips).toHaveText([tagName], { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await visitor.close();
});
