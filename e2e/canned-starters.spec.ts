import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/test';
import { signIn } from './support/session';
import { startPrechat, widget } from './support/visitor';

// A site made today already has a greeting, a request for contact details and a closing
// line, and the reply box says that "/" brings them up.

test('a new site starts with canned replies, and "/" in the reply box shows them', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/settings/sites');
  await agent.getByRole('button', { name: 'New site' }).click();
  const dialog = agent.getByRole('dialog');
  const name = `Starter Shop ${Date.now()}`;
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Allowed domains').fill('localhost');
  await dialog.getByLabel('Allowed domains').press('Enter');
  await dialog.getByRole('button', { name: 'OK' }).click();
  const link = agent.getByRole('link', { name });
  await expect(link).toBeVisible();
  const siteId = (await link.getAttribute('href'))!.split('/').pop()!;

  await agent.goto(`/s/${siteId}/chats`);
  await expect(agent.getByTestId('agents-online')).toHaveText(/^[1-9]\d* agents? online$/);
  await agent.getByTestId('canned-open').click();
  const drawer = agent.getByTestId('canned-drawer');
  await expect(drawer.getByTestId('canned-table').locator('tbody tr.ant-table-row')).toHaveCount(3);
  await drawer.getByRole('button', { name: 'Close' }).click();

  // A visitor on one of the site's own pages (a shop on another origin that embeds the snippet).
  const base = testInfo.project.use.baseURL!;
  const shopServer = createServer((_, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><title>Starter</title><h1>Starter shop</h1><script async src="${base}/t.js" data-site="${siteId}"></script>`,
      ),
  );
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext({ userAgent: testInfo.project.use.userAgent });
  const shop = await context.newPage();
  await shop.goto(`http://localhost:${(shopServer.address() as AddressInfo).port}/`);
  await startPrechat(shop, { name: 'Starter Visitor', question: 'Hello?' });

  await agent.getByTestId('chat-item').filter({ hasText: 'Starter Visitor' }).click();
  const input = agent.getByTestId('chat-input');
  await expect(input).toHaveAttribute('placeholder', /\//);
  await input.pressSequentially('/');
  const suggestions = agent.getByTestId('canned-suggestion');
  await expect(suggestions).toHaveCount(3);
  await expect(agent.getByTestId('canned-suggestions')).toContainText('/hello');
  await expect(agent.getByTestId('canned-suggestions')).toContainText('/contact');
  await expect(agent.getByTestId('canned-suggestions')).toContainText('/bye');
  await agent.screenshot({ path: '/tmp/canned-starters.png' });
  await input.press('Escape');
  await input.fill('');
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await context.close();
  shopServer.close();
});
