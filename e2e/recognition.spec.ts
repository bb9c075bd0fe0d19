import { expect, test } from './support/test';
import { openChats, signIn } from './support/session';
import { sendInvitation, visitorPage, widget } from './support/visitor';

// Returning-visitor recognition with three browsers: the agent, Zhang Min filling the pre-chat
// form, and Zhang Min again in another browser leaving an offline message with the same email.

test('a pre-chat form names the visitor on Live, a second browser with the same email is the same person, and her return pops up', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = `zhang.min.${Date.now()}@example.com`;
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');

  // Browser A: anonymous on Live until the pre-chat form names her.
  const a = await visitorPage(browser, testInfo);
  const rowA = agent.locator(`[data-testid="live-table"] tr[data-row-key="${a.visitorId}"]`);
  await expect(rowA.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await expect(rowA.getByTestId('live-visitor')).toContainText('Anonymous');
  await expect(widget(a.shop, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  await widget(a.shop, 'launcher').click();
  const prechat = widget(a.shop, 'prechat');
  await prechat.getByLabel('Name').fill('Zhang Min');
  await prechat.getByLabel('Email').fill(email);
  await prechat.getByLabel('How can we help?').fill('Do you ship to Guangzhou?');
  await widget(a.shop, 'start').click();
  await expect(widget(a.shop, 'status')).toContainText('You are chatting with');
  await expect(rowA.getByTestId('live-visitor')).toHaveText(/Zhang Min/, { timeout: 10_000 });

  // The agent closes the chat (later journeys need the agent free) and goes away.
  await openChats(agent);
  await agent.getByTestId('chat-item').filter({ hasText: 'Zhang Min' }).first().click();
  await agent.getByTestId('chat-close').click();
  await expect(widget(a.shop, 'rating')).toBeVisible();
  const storage = await a.shop.evaluate(() => localStorage.getItem('lt_vid'));
  await a.close();
  await agent.getByTestId('agent-status').getByText('Away').click();
  await expect(agent.getByTestId('agents-online')).toHaveText('No agent online');
  try {
    // Browser B: the same email, in capitals, through the leave-a-message form.
    const b = await visitorPage(browser, testInfo);
    await expect(widget(b.shop, 'launcher')).toHaveText('Leave a message', { timeout: 10_000 });
    await widget(b.shop, 'launcher').click();
    const form = widget(b.shop, 'offline-message');
    await form.getByLabel('Email').fill(email.toUpperCase());
    await form.getByLabel('Message').fill('Still waiting for the price');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(widget(b.shop, 'offline-done')).toHaveText('Thank you! We will get back to you soon.');
    await b.close();

    // Visitors: the email finds both browsers, and each profile is the one person, by name.
    // "Thank you" means journaled; the report reads the store a flush later, so a page
    // opened in between shows one browser until it is opened again, as a person would.
    const rows = agent.getByTestId('visitors-table').locator('tbody tr.ant-table-row');
    await expect(async () => {
      await agent.goto(`/s/demo-shop/visitors?q=${encodeURIComponent(email)}`);
      await expect(rows).toHaveCount(2, { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await expect(rows.filter({ hasText: 'Zhang Min' })).toHaveCount(1);
    await agent.goto(`/s/demo-shop/visitors/${encodeURIComponent(b.visitorId)}`);
    await expect(agent.getByTestId('visitor-name')).toHaveText('Zhang Min');
    await expect(
      agent.locator('.ant-descriptions-item').filter({ hasText: 'Visitor ids' }).locator('.ant-tag'),
    ).toHaveText([b.visitorId, a.visitorId]);

    // One lead: the offline message joined the pre-chat lead.
    await agent.goto('/s/demo-shop/leads');
    await agent.getByTestId('lead-search').locator('input').fill(email);
    await expect(agent.getByTestId('lead-open')).toHaveCount(1);
  } finally {
    await agent.goto('/s/demo-shop/chats');
    await agent.getByTestId('agent-status').getByText('Online').click();
    await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  }

  // Browser A comes back another day (same visitor id, a new visit): Live names her and pops up.
  await agent.goto('/s/demo-shop/live');
  // Everyone has left (a closed page stays a grace period): Live is empty before she comes back.
  await expect(agent.getByTestId('live-empty')).toBeVisible({ timeout: 30_000 });
  const back = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    userAgent: testInfo.project.use.userAgent,
  });
  await back.addInitScript((vid) => localStorage.setItem('lt_vid', vid), storage ?? '');
  const page = await back.newPage();
  await page.goto('/demo/pricing');
  const popup = agent.locator('.ant-notification-notice', { hasText: 'Zhang Min is on the site' });
  await expect(popup).toBeVisible({ timeout: 10_000 });
  await expect(
    agent.locator(`[data-testid="live-table"] tr[data-row-key="${a.visitorId}"]`).getByTestId('live-visitor'),
  ).toHaveText(/Zhang Min/);
  await back.close();
});

test('the console offers the contact typed in chat; one click saves it and names the visitor at once', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const email = `li.na.${Date.now()}@example.com`;
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  const { shop, visitorId, close } = await visitorPage(browser, testInfo);
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  await row.getByTestId('invite').click();
  await sendInvitation(agent, undefined, visitorId);
  await widget(shop, 'accept').click();
  await expect(widget(shop, 'status')).toContainText('You are chatting with');

  await openChats(agent);
  await agent
    .getByTestId('chat-item')
    .filter({ hasText: visitorId.slice(0, 6) })
    .first()
    .click();
  await expect(agent.getByTestId('conversation-visitor')).toContainText('Anonymous');
  const history = agent.getByTestId('visitor-history');
  await expect(history).toContainText(/Leads\s*0/);

  // The visitor says who she is in the chat; the console offers it and one click saves it.
  await widget(shop, 'input').fill(`Hi, my name is Li Na, mail ${email} or call 138 0013 8000`);
  await widget(shop, 'input').press('Enter');
  const found = agent.getByTestId('lead-found');
  await expect(found).toContainText(`Li Na · ${email} · 138 0013 8000`);
  await found.getByTestId('lead-found-save').click();
  await expect(agent.getByTestId('lead-capture-done')).toContainText('Lead saved');
  // No reload: the header and the history follow the save.
  await expect(agent.getByTestId('conversation-visitor')).toHaveText('Li Na');
  await expect(history).toContainText(/Leads\s*1/);
  await expect(history).toContainText(email);
  await expect(history).toContainText('138 0013 8000');

  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await close();
});
