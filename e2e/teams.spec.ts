import { expect, test, type Browser, type Page } from './support/test';
import { closeList, pickMany, pickOption } from './support/antd';
import { signIn } from './support/session';
import { bubbles, startPrechat, visitorPage, widget } from './support/visitor';

// Teams in real Chromium: an admin makes groups and routes the web widget to one; its agent
// transfers a chat to the other group with a note that only staff see; a manager whispers,
// and the visitor's page shows the transfer but never the note or the whisper.

const stamp = Date.now();
const people = {
  ann: { name: `Ann ${stamp}`, email: `ann.${stamp}@teams.example`, role: 'Agent' },
  ben: { name: `Ben ${stamp}`, email: `ben.${stamp}@teams.example`, role: 'Agent' },
  meg: { name: `Meg ${stamp}`, email: `meg.${stamp}@teams.example`, role: 'Manager' },
} as const;
const PASSWORD = 'teams-password-1';

async function createUser(admin: Page, user: (typeof people)[keyof typeof people]): Promise<void> {
  await admin.goto('/settings/users');
  await admin.getByRole('button', { name: 'New user' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Name').fill(user.name);
  await dialog.getByLabel('Email').fill(user.email);
  await pickOption(admin, dialog.getByLabel('Role'), user.role);
  await pickMany(admin, dialog.getByLabel('Sites'), 'Demo Shop');
  await closeList(admin);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(admin.getByTestId('users-table')).toContainText(user.email);
}

async function createGroup(admin: Page, name: string, member: string): Promise<void> {
  await admin.getByTestId('group-add').click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByTestId('group-name').fill(name);
  await pickMany(admin, dialog.getByTestId('group-members'), member);
  await closeList(admin);
  await dialog.getByTestId('group-save').click();
  await expect(admin.getByTestId('groups-table')).toContainText(name);
}

async function openConsole(browser: Browser, email: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, { email, password: PASSWORD });
  await page.goto('/s/demo-shop/chats');
  await expect(page.getByTestId('chat-list').or(page.getByTestId('chats-empty'))).toBeVisible();
  return { page, close: () => context.close() };
}

test('a chat routed to a group is transferred to another group with a note; a manager whispers unseen', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  await signIn(admin);
  for (const p of Object.values(people)) await createUser(admin, p);
  await admin.goto('/settings/groups');
  await pickOption(admin, admin.getByTestId('groups-site'), 'Demo Shop');
  await createGroup(admin, `Front ${stamp}`, people.ann.name);
  await createGroup(admin, `售后 ${stamp}`, people.ben.name);
  await pickOption(admin, admin.getByTestId('route-web'), `Front ${stamp}`);
  await expect(admin.getByText('Saved').first()).toBeVisible();
  await admin.screenshot({ path: '/tmp/teams-groups-settings.png', fullPage: true });

  const ann = await openConsole(browser, people.ann.email);
  const ben = await openConsole(browser, people.ben.email);
  const visitor = await visitorPage(browser, testInfo);
  try {
    await startPrechat(visitor.shop, { name: `Tess ${stamp}`, question: 'Do you ship to Lyon?' });
    // Routed to Front, whose only member is Ann.
    await expect(widget(visitor.shop, 'status')).toContainText(people.ann.name);
    await ann.page
      .getByTestId('chat-item')
      .filter({ hasText: `Tess ${stamp}` })
      .click();
    await ann.page.getByTestId('chat-transfer').click();
    const dialog = ann.page.getByRole('dialog');
    await dialog.getByText('To a group').click();
    await pickOption(ann.page, dialog.getByTestId('transfer-group'), `售后 ${stamp}`);
    await dialog.getByTestId('transfer-note').fill('Wants bulk pricing for 40 units');
    await dialog.getByTestId('transfer-send').click();

    // Ben, the free member of 售后, has it with the note; the visitor is told who serves them now.
    const item = ben.page.getByTestId('chat-item').filter({ hasText: `Tess ${stamp}` });
    await expect(item.getByTestId('chat-group')).toHaveText(`售后 ${stamp}`);
    await item.click();
    const transcript = ben.page.getByTestId('transcript');
    await expect(transcript.getByTestId('chat-message').filter({ hasText: 'Wants bulk pricing' })).toContainText(
      'Transfer note',
    );
    await expect(transcript).toContainText(`Now talking to ${people.ben.name}`);
    await expect(bubbles(visitor.shop).last()).toHaveText(`You are now talking to ${people.ben.name}`);
    await expect(widget(visitor.shop, 'status')).toContainText(people.ben.name);
    await ben.page.screenshot({ path: '/tmp/teams-console-transferred.png' });
    await visitor.shop.screenshot({ path: '/tmp/teams-widget-transferred.png' });

    // A manager opens the chat and whispers; Ben sees it, the visitor's page never does.
    const meg = await openConsole(browser, people.meg.email);
    await meg.page
      .getByTestId('chat-item')
      .filter({ hasText: `Tess ${stamp}` })
      .click();
    await meg.page.getByTestId('chat-whisper').click();
    await meg.page.getByTestId('whisper-body').fill('Offer code SAVE10 if they hesitate');
    await meg.page.getByTestId('whisper-send').click();
    await expect(transcript.getByTestId('chat-message').filter({ hasText: 'SAVE10' })).toContainText('Whisper');
    await meg.page.screenshot({ path: '/tmp/teams-console-whisper.png' });
    await ben.page.getByTestId('chat-input').fill('We ship to Lyon in 3 days.');
    await ben.page.getByTestId('chat-send').click();
    await expect(bubbles(visitor.shop).last()).toHaveText('We ship to Lyon in 3 days.');
    const seen = await widget(visitor.shop, 'messages').innerText();
    expect(seen).not.toContain('SAVE10');
    expect(seen).not.toContain('bulk pricing');
    await meg.close();
    // Done: Ben closes the chat, so it is not handed back to the pool (and a later spec's agent)
    // when his tab goes.
    await ben.page.getByTestId('chat-close').click();
    await expect(widget(visitor.shop, 'rating')).toBeVisible();
  } finally {
    // Specs share one server: the widget goes back to the whole pool for those that follow.
    await pickOption(admin, admin.getByTestId('route-web'), 'All agents');
    await expect(admin.getByTestId('route-web')).toContainText('All agents');
    await visitor.close();
    await ann.close();
    await ben.close();
  }
});
