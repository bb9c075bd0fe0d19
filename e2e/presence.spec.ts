import { expect, test } from './support/test';
import { signIn } from './support/session';

// The agent's status is stored per user: a reload (a new socket) shows what they chose.
test('an agent who sets Away is still away after a reload, and the team list says so', async ({ page: agent }) => {
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  const status = agent.getByTestId('agent-status');
  const me = agent.getByTestId('team-member').filter({ hasText: 'Admin' });
  // The first admin is a new install's whole team: they take chats from the start.
  await expect(agent.getByTestId('takes-chats')).toBeChecked();
  await expect(me).toContainText('Online');
  await status.getByText('Away').click();
  await expect(agent.getByTestId('agents-online')).toHaveText('No agent online');
  await expect(me).toContainText('Away');
  try {
    await agent.reload();
    await expect(agent.getByTestId('live-status')).toHaveAttribute('data-status', 'open');
    await expect(status.locator('.ant-segmented-item-selected')).toHaveText('Away');
    await expect(agent.getByTestId('agents-online')).toHaveText('No agent online');
    await expect(me).toContainText('Away');
  } finally {
    await status.getByText('Online').click();
    await expect(agent.getByTestId('agents-online')).toHaveText('1 agent online');
  }
  await agent.reload();
  await expect(status.locator('.ant-segmented-item-selected')).toHaveText('Online');
});
