import { expect, test, type APIRequestContext } from './support/test';
import { pickOption } from './support/antd';
import { signIn } from './support/session';

// A marketer defines a goal and a 3-step funnel in the browser on a fixture site and sees
// the counts of visits this spec sends itself (its own paths and event name, so the
// fixture's rows match none of them); the expected figures are counted here from what it sent.
// fixture-b: specs after this one count fixture-a's visitors exactly.
const SITE = 'fixture-b';
const RUN = Date.now().toString(36);
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const EVENT = `e2e_signup_${RUN}`;
const P = '/goal-e2e';
/** Visitors 0 and 3 came in from a newsletter link (utm_source on their first page view); the rest directly. */
const NEWS = `e2e_news_${RUN}`;
const FROM_NEWS = new Set([0, 3]);

type Step = { type: 'pageview'; path: string } | { type: 'custom'; plan: string };
/** Per visitor, one session of steps a few seconds apart. */
const VISITS: Step[][] = [
  [
    { type: 'pageview', path: `${P}/pricing` },
    { type: 'custom', plan: 'pro' },
    { type: 'pageview', path: `${P}/thanks` },
  ],
  [
    { type: 'pageview', path: `${P}/pricing` },
    { type: 'custom', plan: 'free' },
  ],
  [
    { type: 'pageview', path: `${P}/pricing` },
    { type: 'pageview', path: `${P}/pricing` },
  ],
  [
    { type: 'custom', plan: 'pro' },
    { type: 'pageview', path: `${P}/pricing` },
  ],
  [{ type: 'pageview', path: `${P}/thanks` }],
];

async function send(request: APIRequestContext) {
  for (const [i, steps] of VISITS.entries()) {
    const visitorId = `goale2e${RUN}v${i}`;
    const t0 = Date.now();
    let path = `${P}/pricing`;
    let first = true;
    const events = steps.map((s, k) => {
      if (s.type === 'pageview') path = s.path;
      const tagged = s.type === 'pageview' && first && FROM_NEWS.has(i);
      if (s.type === 'pageview') first = false;
      const url = `https://shop.example${path}${tagged ? `?utm_source=${NEWS}` : ''}`;
      return s.type === 'pageview'
        ? { type: 'pageview', url, referrer: '', ts: t0 + k * 5000 }
        : { type: 'custom', url, name: EVENT, props: { plan: s.plan }, ts: t0 + k * 5000 };
    });
    const res = await request.post('/api/collect', {
      headers: { 'content-type': 'text/plain', 'user-agent': UA },
      data: JSON.stringify({ site: SITE, visitorId, sessionId: `${visitorId}-s`, events }),
    });
    expect(res.status()).toBe(202);
  }
}

/** How many visitors did steps[0..k] in order, for each k (one session each here). */
function reached(preds: ((s: Step) => boolean)[], visits = VISITS): number[] {
  const levels = visits.map((steps) => {
    let level = 0;
    for (const s of steps) if (level < preds.length && preds[level]!(s)) level += 1;
    return level;
  });
  return preds.map((_, k) => levels.filter((l) => l >= k + 1).length);
}
const isPage = (path: string) => (s: Step) => s.type === 'pageview' && s.path === path;
const isSignup = (s: Step) => s.type === 'custom';
const int = (n: number) => new Intl.NumberFormat('en-US').format(n);

test('a marketer defines a goal and a 3-step funnel and sees the counts of the visits sent', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  await send(request);
  await signIn(page);

  // Events: the event's figures, then its props.
  const signups = VISITS.flat().filter(isSignup);
  const signupVisitors = VISITS.filter((v) => v.some(isSignup)).length;
  const eventRow = page.getByTestId('events-table').locator('tbody tr.ant-table-row').filter({ hasText: EVENT });
  await expect(async () => {
    await page.goto(`/s/${SITE}/events?range=today`);
    await expect(eventRow).toHaveCount(1, { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(eventRow.locator('td').nth(1)).toHaveText(int(signups.length));
  await expect(eventRow.locator('td').nth(2)).toHaveText(int(signupVisitors));
  await eventRow.click();
  const props = page.getByTestId('event-props');
  const pro = signups.filter((s) => s.type === 'custom' && s.plan === 'pro').length;
  await expect(props.locator('tbody tr.ant-table-row').filter({ hasText: 'pro' }).locator('td').nth(2)).toHaveText(
    int(pro),
  );
  await page.keyboard.press('Escape');

  // A goal by page pattern.
  await page.goto(`/s/${SITE}/goals?range=today`);
  await page.getByTestId('new-goal').click();
  const form = page.getByTestId('goal-form');
  await form.getByLabel('Goal').fill(`Pricing ${RUN}`);
  await form.getByLabel('Page path pattern').fill(`${P}/pric*`);
  await page.getByRole('button', { name: 'OK' }).click();
  const goalRow = page
    .getByTestId('goals-table')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: `Pricing ${RUN}` });
  const pricingViews = VISITS.flat().filter(isPage(`${P}/pricing`)).length;
  const pricingVisitors = VISITS.filter((v) => v.some(isPage(`${P}/pricing`))).length;
  await expect(goalRow.locator('td').nth(2)).toHaveText(int(pricingViews));
  await expect(goalRow.locator('td').nth(3)).toHaveText(int(pricingVisitors));

  // A 3-step funnel: the goal, the event, the thank-you page, in one session.
  await page.goto(`/s/${SITE}/funnels?range=today`);
  await page.getByLabel('Funnel name').fill(`Signup ${RUN}`);
  const step = (n: number) => page.getByTestId(`funnel-step-${n}`);
  await pickOption(page, step(1).getByLabel('Kind'), 'Goal');
  await pickOption(page, step(1).getByLabel('Goal'), `Pricing ${RUN}`);
  await pickOption(page, step(2).getByLabel('Kind'), 'Custom event');
  await step(2).getByLabel('Event name').fill(EVENT);
  await page.getByTestId('add-step').click();
  await step(3).getByLabel('Page path pattern').fill(`${P}/thanks`);
  await page.getByTestId('show-funnel').click();
  const preds = [isPage(`${P}/pricing`), isSignup, isPage(`${P}/thanks`)];
  const want = reached(preds);
  const result = page.getByTestId('funnel-result').locator('tbody tr.ant-table-row');
  for (const [i, n] of want.entries()) await expect(result.nth(i).locator('td').nth(1)).toHaveText(int(n));
  await page.getByTestId('save-funnel').click();
  await expect(page.getByText('Funnel saved')).toBeVisible();

  // Saved: it opens again after a reload with the same counts.
  await page.reload();
  await pickOption(page, page.getByTestId('saved-funnels'), `Signup ${RUN}`);
  for (const [i, n] of want.entries()) await expect(result.nth(i).locator('td').nth(1)).toHaveText(int(n));

  // By source: each visitor once, under the source of the visit where they took step 1.
  await pickOption(page, page.getByLabel('Breakdown'), 'Source');
  const split = page.getByTestId('funnel-breakdown').locator('tbody tr.ant-table-row');
  const bySource = [NEWS, '(direct)']
    .map((source) => ({
      source,
      counts: reached(
        preds,
        VISITS.filter((_, i) => FROM_NEWS.has(i) === (source === NEWS)),
      ),
    }))
    .filter((b) => b.counts[0]! > 0);
  await expect(split).toHaveCount(bySource.length);
  for (const { source, counts } of bySource)
    for (const [i, n] of counts.entries())
      await expect(
        split
          .filter({ hasText: source })
          .locator('td')
          .nth(i + 1),
      ).toHaveText(int(n));
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`funnels-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/s/${SITE}/goals?range=today`);
  await expect(goalRow).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`goals-${width}.png`), fullPage: true });
  }
});
