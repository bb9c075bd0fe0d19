import { expect, test, type Browser, type Page, type TestInfo } from './support/test';
import { signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';

// A toast never stands over a control: "Reply saved" once covered the canned drawer's close
// button and, hovered, stayed there for good (a click then hit the toast, not the button).

const SITE = 'fixture-a';

async function saveReplyAndClose(page: Page, name: string, shot: string): Promise<void> {
  // A retry (or a repeat) saves a reply of its own: the failed attempt's shortcut is taken.
  const shortcut = `${name}-${test.info().repeatEachIndex}-${test.info().retry}`;
  await signIn(page);
  await page.goto(`/s/${SITE}/chats`);
  await page.getByTestId('canned-open').click();
  const drawer = page.getByTestId('canned-drawer');
  await drawer.getByTestId('canned-new').click();
  await drawer.getByTestId('canned-shortcut').fill(shortcut);
  await drawer.getByTestId('canned-body').fill('Our shop opens at nine.');
  await drawer.getByTestId('canned-save').click();
  const toast = page.locator('.ant-message-notice').filter({ hasText: 'Reply saved' });
  await expect(toast).toBeVisible();
  // Measured where it comes to rest, after its entrance: antd slides a notice in from 64 px higher
  // (`fade-enter` when it joins a mounted list, `fade-appear` when it is the first), a transition
  // reduced motion leaves running, and mid-way it stands over the drawer's header.
  await expect(toast).not.toHaveClass(/fade-(appear|enter)/);
  await page.screenshot({ path: `/tmp/phone-toast-${shot}.png` });

  const close = drawer.getByRole('button', { name: 'Close' });
  const t = (await toast.boundingBox())!;
  for (const control of [close, drawer.getByTestId('canned-new')]) {
    const c = (await control.boundingBox())!;
    const overlap = t.x < c.x + c.width && c.x < t.x + t.width && t.y < c.y + c.height && c.y < t.y + t.height;
    expect(overlap, `toast ${JSON.stringify(t)} over a control ${JSON.stringify(c)}`).toBe(false);
  }
  // Under the pointer it still runs out, and a click where it stands reaches the page.
  const centre = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  expect(
    await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.ant-message') === null, centre),
  ).toBe(true);
  await expect(toast).toBeHidden({ timeout: 8_000 });
  await close.click();
  await expect(drawer).toBeHidden();
}

test('at 1280 px the "Reply saved" toast leaves the drawer header free and goes away when hovered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await saveReplyAndClose(page, 'hours', 'desktop');
});

test('on a phone the toast leaves the drawer header free too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await saveReplyAndClose(page, 'open', 'phone');
});

// A new chat's pop-up never stands over the "Save as lead" form the agent is filling in.
async function newChatBesideLeadForm(agent: Page, browser: Browser, testInfo: TestInfo, shot: string): Promise<void> {
  test.setTimeout(90_000);
  await signIn(agent);
  await agent.goto('/s/demo-shop/chats');
  await expect(agent.getByTestId('agents-online')).toHaveText(/^[1-9]\d* agents? online$/);
  const chatWith = async (name: string) => {
    const v = await visitorPage(browser, testInfo);
    await startPrechat(v.shop, { name, question: `${name} has a question` });
    return v;
  };
  const first = await chatWith(`Lead Form ${shot}`);
  await agent
    .getByTestId('chat-item')
    .filter({ hasText: `Lead Form ${shot}` })
    .click();
  const form = agent.getByTestId('lead-capture');
  await form.getByTestId('lead-capture-email').fill('lead.form@example.com');
  // Every label of the context panel says what it is (a lone "#" once labelled the visit number).
  const labels = await agent.getByTestId('visitor-context').locator('.ant-descriptions-item-label').allTextContents();
  expect(
    labels.filter((l) => !/\p{L}/u.test(l)),
    `labels ${JSON.stringify(labels)}`,
  ).toEqual([]);
  // The agent scrolled down to the form: its Save button at the foot of the panel (and of the screen).
  await form.getByTestId('lead-capture-save').evaluate((el) => el.scrollIntoView({ block: 'end' }));

  const second = await chatWith(`Second ${shot}`);
  await expect(agent.getByTestId('chat-item').filter({ hasText: `Second ${shot}` })).toHaveCount(1);
  const popups = agent.locator('.ant-notification-notice');
  if (shot === 'desktop') {
    // The new-chat pop-up (a known visitor's arrival may pop up beside it).
    await expect(popups.filter({ hasText: `New chat from Second ${shot}` })).toBeVisible();
    await expect(popups.first()).not.toHaveClass(/fade-(appear|enter)|move-up-appear/);
  }
  await agent.waitForTimeout(500);
  await agent.screenshot({ path: `/tmp/toast-lead-form-${shot}.png` });
  const controls = [
    'lead-capture-name',
    'lead-capture-email',
    'lead-capture-phone',
    'lead-capture-note',
    'lead-capture-save',
  ].map((id) => form.getByTestId(id));
  for (const popup of await popups.all()) {
    if (!(await popup.isVisible())) continue;
    const p = (await popup.boundingBox())!;
    for (const control of controls) {
      const c = (await control.boundingBox())!;
      const overlap = p.x < c.x + c.width && c.x < p.x + p.width && p.y < c.y + c.height && c.y < p.y + p.height;
      expect(overlap, `pop-up ${JSON.stringify(p)} over a lead form control ${JSON.stringify(c)}`).toBe(false);
    }
  }
  for (const v of [first, second]) {
    await agent
      .getByTestId('chat-item')
      .filter({ hasText: v === first ? `Lead Form ${shot}` : `Second ${shot}` })
      .click();
    await agent.getByTestId('chat-close').click();
    await expect(widget(v.shop, 'rating')).toBeVisible();
    await v.close();
  }
}

test('at 1440 px a new chat pop-up leaves the Save-as-lead form free', async ({ page, browser }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await newChatBesideLeadForm(page, browser, testInfo, 'desktop');
});

test('on a phone a new chat pop-up leaves the Save-as-lead form free', async ({ page, browser }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newChatBesideLeadForm(page, browser, testInfo, 'phone');
});
