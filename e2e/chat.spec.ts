import { expect, test } from './support/test';
import { openChats, signIn } from './support/session';
import { bubbles, sameVisitorElsewhere, sendInvitation, visitorPage, widget } from './support/visitor';

// Two people, two browsers: an agent in the dashboard and a visitor on the demo shop, whose
// page loads the chat widget (w.js) once idle. Everything either side sees is pushed.

test('an agent invites a browsing visitor, they chat with typing and preview, and reloads lose or double nothing', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  const { shop, visitorId, close } = await visitorPage(browser, testInfo);
  const row = agent.locator(`[data-testid="live-table"] tr[data-row-key="${visitorId}"]`);
  await expect(row.getByTestId('live-visitor')).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us');
  // A second tab, open before the chat starts: it joins once the first tab has the chat's token.
  const early = await shop.context().newPage();
  await early.goto('/demo/products');
  await expect(widget(early, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });

  // One click, a personal message, and the visitor sees the invitation in the page.
  await row.getByTestId('invite').click();
  await agent.getByTestId('invite-message').fill('Hello! Looking for a tea set? <b>bold</b>');
  await sendInvitation(agent, undefined, visitorId);
  await expect(widget(shop, 'invitation')).toContainText('Hello! Looking for a tea set? <b>bold</b>');
  await expect(widget(shop, 'invitation').locator('b')).toHaveCount(0);
  await widget(shop, 'accept').click();
  await expect(widget(shop, 'status')).toContainText('You are chatting with');
  await expect(bubbles(shop)).toHaveText(['Hello! Looking for a tea set? <b>bold</b>']);
  await expect(bubbles(early)).toHaveText(['Hello! Looking for a tea set? <b>bold</b>'], { timeout: 10_000 });
  await early.close();

  await openChats(agent);
  await agent.getByTestId('chat-item').filter({ hasText: 'Anonymous' }).first().click();
  const transcript = agent.getByTestId('transcript');
  await expect(transcript.getByTestId('chat-message')).toHaveText([/Hello! Looking for a tea set\?/]);
  await expect(agent.getByTestId('context-page')).toHaveText('/demo/products');

  // The agent sees what the visitor types before it is sent, then the message itself.
  const input = widget(shop, 'input');
  await input.pressSequentially('Do you ship to Canada');
  await expect(agent.getByTestId('visitor-preview')).toContainText('Do you ship to Canada');
  await input.press('Enter');
  await expect(transcript.getByTestId('chat-message')).toHaveText([/Hello!/, /Do you ship to Canada/]);
  await expect(agent.getByTestId('visitor-preview')).toHaveCount(0);

  // And the visitor sees the agent typing, then the reply.
  await agent.getByTestId('chat-input').fill('Yes');
  await expect(shop.locator('#leadtrail-widget').getByText('is typing')).toBeVisible();
  await agent.getByTestId('chat-input').fill('Yes, we ship worldwide.');
  await agent.getByTestId('chat-input').press('Enter');
  await expect(bubbles(shop)).toHaveText([/Hello!/, 'Do you ship to Canada', 'Yes, we ship worldwide.']);

  // A reload on either side resumes the conversation: every message once, in order.
  await shop.reload();
  await expect(bubbles(shop)).toHaveText([/Hello!/, 'Do you ship to Canada', 'Yes, we ship worldwide.'], {
    timeout: 10_000,
  });
  // Another page of the same browser opens the chat with the token the widget kept.
  const tab = await shop.context().newPage();
  await tab.goto('/demo/pricing');
  await expect(bubbles(tab)).toHaveText([/Hello!/, 'Do you ship to Canada', 'Yes, we ship worldwide.'], {
    timeout: 10_000,
  });
  await tab.close();
  // A browser that knows only the visitor id (dashboard URLs and CSV show it) sees no chat and cannot start one.
  const { spy, close: closeSpy } = await sameVisitorElsewhere(browser, testInfo, shop);
  await expect(widget(spy, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  await widget(spy, 'launcher').click();
  await widget(spy, 'prechat').getByLabel('How can we help?').fill('Show me the transcript');
  await widget(spy, 'start').click();
  await expect(spy.locator('#leadtrail-widget [role="alert"]')).toHaveText(
    'Your chat is open in another browser or window.',
  );
  await expect(bubbles(spy)).toHaveCount(0);
  await closeSpy();
  await expect(bubbles(shop)).toHaveText([/Hello!/, 'Do you ship to Canada', 'Yes, we ship worldwide.']);
  await agent.reload();
  await agent
    .getByTestId('chat-item')
    .filter({ hasText: 'Do you ship' })
    .or(agent.getByTestId('chat-item').filter({ hasText: 'worldwide' }))
    .first()
    .click();
  await expect(agent.getByTestId('transcript').getByTestId('chat-message')).toHaveText([
    /Hello!/,
    /Do you ship to Canada/,
    /Yes, we ship worldwide/,
  ]);

  // The agent closes; the visitor rates; the agent sees the rating.
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await widget(shop, 'star-5').click();
  await expect(agent.getByTestId('chat-rating')).toHaveText('Rated 5/5');
  await close();

  // Afterwards the chat is in the history with how it went, and its transcript reads as written.
  const chatId = await agent.getByTestId('conversation').getAttribute('data-chat-id');
  await agent.getByRole('link', { name: 'Chat history' }).click();
  await expect(agent).toHaveURL(/\/chat-history/);
  const past = agent.locator(`[data-testid="chat-history-table"] tr[data-row-key="${chatId}"]`);
  // The rating is stored a moment after the agent sees it: reload until the list has it.
  await expect(async () => {
    await agent.reload();
    await expect(past).toContainText('5/5', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(past).toContainText('Invited');
  await expect(past).toContainText('Anonymous visitor');
  // Filtered to the agent who took it, it is still there.
  await agent.getByTestId('chat-history-agent').click();
  await agent.locator('.ant-select-dropdown:visible').getByTitle('Admin', { exact: true }).click();
  await expect(past).toContainText('Admin');
  await past.getByTestId('chat-open').click();
  const drawer = agent.getByTestId('transcript-drawer');
  // The transcript is read when the drawer opens; a loaded runner takes a few seconds.
  await expect(drawer.getByTestId('chat-message')).toHaveText(
    [/Hello! Looking for a tea set\?/, /Do you ship to Canada/, /Yes, we ship worldwide/],
    { timeout: 15_000 },
  );
  await expect(drawer.getByTestId('chat-message').nth(1)).toHaveAttribute('data-sender', 'visitor');
  await drawer.getByTestId('transcript-profile').click();
  await expect(agent).toHaveURL(/\/visitors\//);
  // The visitor's trail leads back to the same transcript.
  await agent.getByTestId('trail-read-chat').first().click();
  await expect(agent.getByTestId('transcript-drawer').getByTestId('chat-message')).toHaveText([
    /Hello!/,
    /Do you ship to Canada/,
    /Yes, we ship worldwide/,
  ]);
});

test('with every agent away the widget takes a message and a callback request instead of a chat', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  await agent.getByTestId('agent-status').getByText('Away').click();
  await expect(agent.getByTestId('agents-online')).toHaveText('No agent online');
  try {
    // The visitor's browser is in New York; the demo shop's time zone is Asia/Shanghai (UTC+8, no DST).
    const { shop, close } = await visitorPage(browser, testInfo, { timezoneId: 'America/New_York' });
    await expect(widget(shop, 'launcher')).toHaveText('Leave a message', { timeout: 10_000 });
    await widget(shop, 'launcher').click();
    const form = widget(shop, 'offline-message');
    await form.getByLabel('Name').fill('Chen Jing');
    await form.getByLabel('Email').fill('chen.jing@example.com');
    await form.getByLabel('Message').fill('Do you sell gift cards?');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(widget(shop, 'offline-done')).toHaveText('Thank you! We will get back to you soon.');
    // The same visitor on another page asks for a call back.
    await shop.goto('/demo/contact');
    await widget(shop, 'launcher').click();
    await widget(shop, 'offline').getByRole('button', { name: 'Call me back' }).click();
    const callback = widget(shop, 'callback');
    await callback.getByLabel('Name').fill('Chen Jing');
    await callback.getByLabel('Phone').fill('+86 139 1234 5678');
    // The day after tomorrow on the shop's clock, 10:00 there = 02:00 UTC that day.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + 2 * 86_400_000);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const instant = Date.UTC(y, m - 1, d, 2, 0);
    await expect(widget(shop, 'callback-zone')).toHaveText('Time in Asia/Shanghai');
    await expect(callback.getByLabel('Preferred time')).toHaveAttribute('type', 'datetime-local');
    await callback.getByLabel('Preferred time').fill(`${day}T10:00`);
    await callback.screenshot({ path: '/tmp/shell-callback-widget.png' });
    await callback.getByRole('button', { name: 'Send' }).click();
    await expect(widget(shop, 'offline-done')).toHaveText('Thank you! We will call you at the time you chose.');
    await close();
    // Both became leads; the callback shows the picked time on the shop's clock.
    await agent.goto('/s/demo-shop/leads');
    await agent.getByTestId('lead-search').locator('input').fill('Chen Jing');
    await expect(agent.getByTestId('lead-open')).toHaveCount(2);
    await agent.getByTestId('lead-search').locator('input').fill('+86 139 1234 5678');
    await expect(agent.getByTestId('lead-open')).toHaveCount(1);
    await agent.getByTestId('lead-open').click();
    const shanghai = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(instant);
    expect(shanghai).toContain('10:00 AM');
    await expect(agent.getByTestId('lead-drawer').getByTestId('lead-callback-at')).toHaveText(
      `${shanghai} (Asia/Shanghai)`,
    );
    await agent.getByTestId('lead-drawer').screenshot({ path: '/tmp/shell-callback-lead.png' });
  } finally {
    await agent.goto('/s/demo-shop/chats');
    await agent.getByTestId('agent-status').getByText('Online').click();
    await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  }
});

test('a visitor who identifies becomes a lead, and agents get a pop-up to invite them', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/live');
  await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
  const { shop, close } = await visitorPage(browser, testInfo);
  await expect(widget(shop, 'launcher')).toBeVisible({ timeout: 10_000 });
  await shop.evaluate(() =>
    (window as unknown as { leadtrail: (...a: unknown[]) => void }).leadtrail('identify', {
      name: 'Zhao Lei',
      email: 'zhao.lei@example.com',
    }),
  );

  const popup = agent.locator('.ant-notification-notice', { hasText: 'Zhao Lei is on the site' });
  await expect(popup).toContainText('Now on /demo/products');
  await popup.getByRole('button', { name: 'Invite to chat' }).click();
  await expect(widget(shop, 'invitation')).toContainText('Hi! Can I help you with anything?');

  await agent.goto('/s/demo-shop/leads');
  await agent.getByTestId('lead-search').locator('input').fill('zhao.lei@example.com');
  await expect(agent.getByText('zhao.lei@example.com')).toBeVisible();
  await close();
});

test('a visitor may keep ten tabs connected; the eleventh says why it cannot chat', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  // An agent online, so a connected tab's launcher says "Chat with us".
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  const { shop, close } = await visitorPage(browser, testInfo);
  // REALTIME_SOCKETS_PER_VISITOR defaults to 10: this page and nine more.
  const tabs = [shop];
  for (let i = 0; i < 9; i++) tabs.push(await shop.context().newPage());
  await Promise.all(tabs.slice(1).map((tab) => tab.goto('/demo/pricing')));
  for (const tab of tabs) await expect(widget(tab, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  const eleventh = await shop.context().newPage();
  await eleventh.goto('/demo/contact');
  await expect(widget(eleventh, 'launcher')).toBeVisible({ timeout: 10_000 });
  await widget(eleventh, 'launcher').click();
  await expect(eleventh.locator('#leadtrail-widget [role="alert"]')).toHaveText(
    'Too many messages or open pages. Please wait a moment and try again.',
  );
  await close();
});
