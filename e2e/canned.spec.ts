import { expect, test } from './support/test';
import { signIn } from './support/session';
import { bubbles, visitorPage, widget } from './support/visitor';

// An agent keeps a canned reply, answers a visitor with it by typing /ship, and records the
// visitor as a lead from the chat. Two browsers: the dashboard and the demo shop's widget.

const SHORTCUT = 'ship';
const BODY = 'We ship worldwide within 5 days.';

test('an agent answers with a canned reply picked by /shortcut and saves the visitor as a lead', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const email = `mei.lin.${Date.now()}@example.com`;
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  // Agents of earlier specs may still count for their grace period after their tab closed.
  await expect(agent.getByTestId('agents-online')).toHaveText(/^[1-9]\d* agents? online$/);

  // The team's reply, added from the Chats header.
  await agent.getByTestId('canned-open').click();
  const drawer = agent.getByTestId('canned-drawer');
  await expect(drawer.getByTestId('canned-table')).toBeVisible();
  await drawer.getByTestId('canned-new').click();
  await drawer.getByTestId('canned-shortcut').fill(SHORTCUT);
  await drawer.getByTestId('canned-body').fill(BODY);
  await drawer.getByTestId('canned-save').click();
  await expect(agent.getByText('Reply saved')).toBeVisible();
  await expect(drawer.getByTestId('canned-table').locator('tbody tr.ant-table-row')).toHaveText([
    new RegExp(`/${SHORTCUT}.*${BODY.replace('.', '\\.')}`),
  ]);
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();

  // A visitor asks through the pre-chat form.
  const { shop, close } = await visitorPage(browser, testInfo);
  await expect(widget(shop, 'launcher')).toHaveText('Chat with us', { timeout: 10_000 });
  await widget(shop, 'launcher').click();
  const prechat = widget(shop, 'prechat');
  await prechat.getByLabel('Name').fill('Mei Lin');
  await prechat.getByLabel('Email').fill(email);
  await prechat.getByLabel('How can we help?').fill('Do you ship to Singapore?');
  await widget(shop, 'start').click();
  await expect(widget(shop, 'status')).toContainText('You are chatting with');

  // The agent types /ship, takes the suggestion, and sends it.
  await agent.getByTestId('chat-item').filter({ hasText: 'Mei Lin' }).click();
  await expect(agent.getByTestId('transcript').getByTestId('chat-message')).toHaveText([/Do you ship to Singapore\?/]);
  const input = agent.getByTestId('chat-input');
  // With the list open, Enter inserts the highlighted reply instead of sending; Esc closes the list.
  await input.pressSequentially(`/${SHORTCUT}`);
  await input.press('Enter');
  await expect(input).toHaveValue(BODY);
  await input.fill('/nothing-matches');
  await expect(agent.getByTestId('canned-suggestions')).toHaveCount(0);
  await input.fill('');
  await input.pressSequentially(`/${SHORTCUT}`);
  await input.press('Escape');
  await expect(agent.getByTestId('canned-suggestions')).toHaveCount(0);
  await expect(input).toHaveValue(`/${SHORTCUT}`);
  await input.press('Backspace');
  await input.press('p');
  const suggestion = agent.getByTestId('canned-suggestion').filter({ hasText: BODY });
  await expect(suggestion).toHaveAttribute('aria-selected', 'true');
  await suggestion.click();
  await expect(agent.getByTestId('canned-suggestions')).toHaveCount(0);
  await expect(input).toHaveValue(BODY);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(bubbles(shop)).toHaveText([/Do you ship to Singapore\?/, BODY]);

  // Save as lead, from the pre-chat fields plus a phone number.
  const capture = agent.getByTestId('lead-capture');
  await expect(capture.getByTestId('lead-capture-name')).toHaveValue('Mei Lin');
  await expect(capture.getByTestId('lead-capture-email')).toHaveValue(email);
  await capture.getByTestId('lead-capture-phone').fill('+65 6123 4567');
  await capture.getByTestId('lead-capture-note').fill('Wants shipping to Singapore');
  await capture.getByTestId('lead-capture-save').click();
  await expect(agent.getByTestId('lead-capture-done')).toContainText('Lead saved');

  // Done with the visitor: close the chat so later journeys find the agent free.
  await agent.getByTestId('chat-close').click();
  await expect(widget(shop, 'rating')).toBeVisible();
  await close();

  // The Leads screen has one lead for the email: the pre-chat lead, which the agent's save
  // completed with the phone and a note of what the agent recorded.
  await agent.getByTestId('lead-capture-link').click();
  await expect(agent).toHaveURL(/\/s\/demo-shop\/leads/);
  await agent.getByTestId('lead-search').locator('input').fill(email);
  const rows = agent.getByTestId('leads-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId('lead-open').click();
  await expect(agent.getByTestId('lead-drawer')).toContainText('+65 6123 4567');
  await expect(agent.getByTestId('lead-message')).toHaveText('Do you ship to Singapore?');
  await expect(agent.getByTestId('lead-notes')).toHaveValue(
    / UTC · agent: Mei Lin · .+ · \+65 6123 4567 · Wants shipping to Singapore$/,
  );

  // Clean up: the reply goes away again.
  await agent.goto('/s/demo-shop/chats');
  await agent.getByTestId('canned-open').click();
  await drawer.getByTestId('canned-remove').click();
  await agent.getByTestId('canned-remove-confirm').click();
  await expect(agent.getByText('Reply removed')).toBeVisible();
  await expect(drawer.getByText('No canned replies yet')).toBeVisible();
});
