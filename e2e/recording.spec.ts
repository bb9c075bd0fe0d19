import { expect, test, type Browser, type Page } from './support/test';
import { signIn } from './support/session';
import { startPrechat, visitorPage, widget } from './support/visitor';
import { FAKE_MEDIA, takeCalls } from './support/media';

// Call recording with two real Chromium browsers and fake media: the site records calls, the
// visitor is told before the call connects, the agent's tab records both voices and uploads
// them, and a manager plays the recording from Chat history; an agent does not see it.
test.use(FAKE_MEDIA);

async function setRecording(page: Page, on: boolean) {
  await page.goto('/settings/sites/demo-shop');
  await page.getByTestId('service-edit').click();
  for (const id of ['calls-enabled-switch', 'calls-record-switch']) {
    const toggle = page.getByTestId(id);
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  }
  await page.getByTestId('calls-ring-seconds').fill('30');
  await page.getByTestId('calls-retention-days').fill('30');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('calls-enabled')).toContainText(on ? 'recorded, kept 30 days' : 'Off');
}

/** A user of demo-shop with `role`, signed in in a browser of their own. */
async function userPage(admin: Page, browser: Browser, baseURL: string | undefined, role: 'manager' | 'agent') {
  const user = { email: `${role}-${Date.now()}@example.com`, password: `${role}-password-123` };
  const created = await admin.request.post('/api/trpc/user.create', {
    data: { ...user, name: `Rec ${role}`, role, siteIds: ['demo-shop'] },
  });
  expect(created.status()).toBe(200);
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signIn(page, user);
  await page.goto('/');
  return page;
}

async function openTranscript(page: Page, visitorName: string) {
  await page.goto('/s/demo-shop/chat-history');
  const row = page.getByTestId('chat-history-table').locator('tr', { hasText: visitorName });
  await expect(row.getByTestId('chat-calls')).toContainText('1 call', { timeout: 15_000 });
  await row.getByTestId('chat-open').click();
  const drawer = page.getByTestId('transcript-drawer');
  await expect(drawer.getByTestId('transcript')).toBeVisible();
  return drawer;
}

test('a recorded call: the visitor is told before it connects, the manager plays it, an agent does not see it', async ({
  page: agent,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  await signIn(agent);
  await setRecording(agent, true);
  await takeCalls(agent);

  const { shop, close } = await visitorPage(browser, testInfo);
  const name = `Recorded Caller ${Date.now() % 100_000}`;
  await startPrechat(shop, { name, question: 'Please call me' });
  await expect(widget(shop, 'call-us')).toBeVisible({ timeout: 20_000 });
  await expect(widget(shop, 'call-recorded')).toBeHidden();
  await widget(shop, 'call-us').click();
  // Still ringing, nothing connected: the notice is there.
  await expect(widget(shop, 'call-status')).toContainText('Calling');
  await expect(widget(shop, 'call-recorded')).toHaveText('This call will be recorded');

  const ringing = agent.getByTestId('call-ringing');
  await expect(ringing).toBeVisible({ timeout: 15_000 });
  await ringing.getByTestId('call-answer').click();
  await expect(agent.getByTestId('call-active')).toHaveAttribute('data-status', 'active');
  await expect(agent.getByTestId('call-recorded')).toBeVisible();
  await expect(widget(shop, 'call-status')).toContainText('On a call with', { timeout: 15_000 });
  await expect(widget(shop, 'call-recorded')).toBeVisible();
  // A few seconds of talk: at least two 2-second pieces reach the server while the call runs.
  await expect(agent.getByTestId('call-timer')).toHaveText(/^0:0[5-9]|^0:[1-5]\d/, { timeout: 20_000 });
  await agent.getByTestId('call-hangup').click();
  await expect(agent.getByTestId('call-ended')).toBeVisible();
  await expect(widget(shop, 'call-status')).toHaveText('The call has ended.');
  await close();

  // The manager: the transcript plays the recording; the server gave it a duration, so it seeks.
  const manager = await userPage(agent, browser, testInfo.project.use.baseURL, 'manager');
  const drawer = await openTranscript(manager, name);
  const audio = drawer.getByTestId('call-recording');
  await expect(audio).toHaveCount(1, { timeout: 15_000 });
  const src = await audio.getAttribute('src');
  const head = await manager.request.head(src!);
  expect(head.status()).toBe(200);
  expect(Number(head.headers()['content-length'])).toBeGreaterThan(0);
  const duration = await audio.evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        if (el.readyState >= 1) return resolve(el.duration);
        el.addEventListener('loadedmetadata', () => resolve(el.duration), { once: true });
        el.addEventListener('error', () => reject(new Error(`audio error ${el.error?.code}`)), { once: true });
        el.load();
      }),
  );
  expect(Number.isFinite(duration)).toBe(true);
  expect(duration).toBeGreaterThan(2);
  // Seeking asks for a byte range: the server answers 206.
  const part = await manager.request.get(src!, { headers: { range: 'bytes=0-99' } });
  expect([part.status(), (await part.body()).length]).toEqual([206, 100]);
  await drawer.screenshot({ path: testInfo.outputPath('recording-drawer-1440.png') });

  // An agent sees the chat and its call line, but no recording, and the file is refused.
  const plainAgent = await userPage(agent, browser, testInfo.project.use.baseURL, 'agent');
  const theirs = await openTranscript(plainAgent, name);
  await expect(theirs.locator('[data-testid="chat-message"][data-sender="system"]')).toContainText(/^Call · \d+s/);
  await expect(theirs.getByTestId('call-recordings')).toHaveCount(0);
  expect((await plainAgent.request.get(src!)).status()).toBe(403);

  await setRecording(agent, false);
});
