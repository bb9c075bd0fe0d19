import { expect, test, type Page } from './support/test';
import { signIn } from './support/session';
import { visitorPage, widget } from './support/visitor';

// A callback from the widget to an outcome: the visitor picks a time on the shop's clock,
// an agent sees it due, claims it, records "call again at …", claims it again, records
// "reached", and the Agents report counts the work. The demo shop keeps Asia/Shanghai time.
const ZONE = 'Asia/Shanghai';
const NAME = 'Callback Journey';
const PHONE = '+86 139 8765 4321';

/** The shop's wall clock at `ms` as a datetime-local value. */
const shopClock = (ms: number) =>
  new Date(ms).toLocaleString('sv-SE', { timeZone: ZONE }).replace(' ', 'T').slice(0, 16);
const shown = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(ms);

async function setStatus(agent: Page, status: 'Away' | 'Online', online: string) {
  await agent.goto('/s/demo-shop/chats');
  await agent.getByTestId('agent-status').getByText(status).click();
  // An agent of an earlier spec stays online for a 20 s grace after their tab closed.
  await expect(agent.getByTestId('agents-online')).toHaveText(online, { timeout: 30_000 });
}

const row = (agent: Page) => agent.getByTestId('callbacks-table').locator('tr', { hasText: NAME });

test('a callback left in the widget is claimed, called again later, reached and reported', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(agent);
  await setStatus(agent, 'Away', 'No agent online');
  // Five minutes from now on the shop's clock: due now, not yet overdue.
  const preferred = Math.floor((Date.now() + 5 * 60_000) / 60_000) * 60_000;
  try {
    const { shop, close } = await visitorPage(browser, testInfo, { timezoneId: 'Europe/Berlin' });
    await expect(widget(shop, 'launcher')).toHaveText('Leave a message', { timeout: 10_000 });
    await widget(shop, 'launcher').click();
    await widget(shop, 'offline').getByRole('button', { name: 'Call me back' }).click();
    const form = widget(shop, 'callback');
    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Phone').fill(PHONE);
    await form.getByLabel('Preferred time').fill(shopClock(preferred));
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(widget(shop, 'offline-done')).toHaveText('Thank you! We will call you at the time you chose.');
    await close();
  } finally {
    await setStatus(agent, 'Online', '1 agent online');
  }

  await agent.goto('/s/demo-shop/callbacks');
  await expect(row(agent)).toBeVisible({ timeout: 15_000 });
  await expect(row(agent).getByTestId('callback-due')).toContainText(shown(preferred));
  await expect(row(agent).getByTestId('callback-tel')).toHaveAttribute('href', 'tel:+8613987654321');
  await agent.setViewportSize({ width: 1440, height: 900 });
  await agent.screenshot({ path: testInfo.outputPath('callbacks-1440.png'), fullPage: true });

  await row(agent).getByTestId('callback-claim').click();
  await expect(row(agent)).toContainText('You');
  await row(agent).getByTestId('callback-record').click();
  const dialog = agent.getByRole('dialog');
  await dialog.getByText('Call again at …').click();
  // Tomorrow 10:00 on the shop's clock.
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(Date.now() + 86_400_000);
  const [y, m, d] = tomorrow.split('-').map(Number) as [number, number, number];
  const again = Date.UTC(y, m - 1, d, 2, 0);
  await dialog.getByTestId('callback-again-at').fill(`${tomorrow}T10:00`);
  await agent.setViewportSize({ width: 390, height: 844 });
  await agent.screenshot({ path: testInfo.outputPath('callbacks-390-dialog.png') });
  await agent.setViewportSize({ width: 1440, height: 900 });
  await dialog.getByTestId('callback-outcome-save').click();
  await expect(row(agent)).toHaveCount(0);

  await agent.getByTestId('callback-tab-later').click();
  await expect(row(agent).getByTestId('callback-due')).toContainText(shown(again));
  await expect(row(agent)).toContainText('10:00 AM');
  await row(agent).getByTestId('callback-claim').click();
  await row(agent).getByTestId('callback-record').click();
  await agent.getByRole('dialog').getByText('Reached').click();
  await agent.getByRole('dialog').getByTestId('callback-outcome-save').click();
  await expect(row(agent)).toHaveCount(0);

  await agent.getByTestId('callback-tab-done').click();
  await expect(row(agent)).toContainText('Reached');
  await agent.setViewportSize({ width: 390, height: 844 });
  await agent.screenshot({ path: testInfo.outputPath('callbacks-390.png'), fullPage: true });
  await agent.setViewportSize({ width: 1440, height: 900 });

  // The Agents report: two claims and two outcomes (call again, reached) by this admin.
  await agent.goto('/s/demo-shop/agents');
  // Agent, claimed, outcomes, reached, no answer, wrong number, call again.
  await expect(agent.getByTestId('callback-work-table').getByRole('row', { name: 'Admin 2 2 1 0 0 1' })).toBeVisible();
  await agent.getByTestId('callback-work').screenshot({ path: testInfo.outputPath('callback-work.png') });
});
