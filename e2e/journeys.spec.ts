import { expect as baseExpect, test, type Page } from './support/test';
import { resolveRange } from '../server/reports/resolve-range';
import { fixture, signIn } from './support/session';

// Journeys in real Chromium on the fixture: the expected neighbours and runs are counted
// here from the fixture rows, never with the server's SQL.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });
const SITE = 'fixture-a';
const TZ = 'Asia/Shanghai';
const num = (n: number) => new Intl.NumberFormat('en-US').format(n);
const pct = (n: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(n);

/** Each session's pages of the range in time order (event id breaking ties), reloads folded. */
function sessionPaths(from: number, to: number): string[][] {
  const views = fixture()
    .events.filter((e) => e.site_id === SITE && e.type === 'pageview' && e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts || a.event_id.localeCompare(b.event_id));
  const paths = new Map<string, string[]>();
  for (const e of views) {
    const p = paths.get(e.session_id) ?? [];
    if (p.at(-1) !== e.path) p.push(e.path);
    paths.set(e.session_id, p);
  }
  return [...paths.values()];
}

/** Sessions per key, each session counted once per distinct key. */
function tally(keys: string[][]): [string, number][] {
  const m = new Map<string, number>();
  for (const k of keys) for (const key of new Set(k)) m.set(key, (m.get(key) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

test('Journeys shows the pages around the busiest page and the top runs of pages', async ({ page }) => {
  const range = resolveRange({ preset: '7d' }, TZ);
  const paths = sessionPaths(range.from, range.to);
  expect(paths.length).toBeGreaterThan(2);
  // The busiest page by page views is the screen's default.
  const counts = new Map<string, number>();
  for (const e of fixture().events)
    if (e.site_id === SITE && e.type === 'pageview' && e.ts >= range.from && e.ts < range.to)
      counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const withTop = paths.filter((p) => p.includes(top));
  const before = tally(
    withTop.map((p) => p.flatMap((x, i) => (x === top ? [i === 0 ? '(entrance)' : p[i - 1]!] : []))),
  );
  const runs = tally(
    paths.map((p) => Array.from({ length: Math.max(0, p.length - 3) }, (_, i) => p.slice(i, i + 4).join(' → '))),
  );

  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/s/${SITE}/journeys?range=7d`);
  await expect(page.getByTestId('journey-page')).toContainText(top);
  const beforeRows = page.getByTestId('journey-before').locator('tbody tr.ant-table-row');
  const [name, n] = before[0]!;
  await expect(beforeRows.filter({ hasText: name }).first().locator('td')).toHaveText([
    name,
    num(n),
    pct(n / withTop.length),
  ]);
  await expect(page.getByTestId('journey-sankey').locator('svg text', { hasText: top }).first()).toBeVisible();

  // Four steps: the busiest run and its sessions.
  await page.getByTestId('journey-steps').getByText('4 steps').click();
  await expect(page).toHaveURL(/steps=4/);
  const [run, sessions] = runs[0]!;
  await expect(
    page
      .getByTestId('journey-paths')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: run })
      .first()
      .locator('td')
      .nth(1),
  ).toHaveText(num(sessions));
  await page.screenshot({ path: '/tmp/journeys-1440.png', fullPage: true });

  // A click on a neighbour follows it; the choice lives in the URL.
  const next = page
    .getByTestId('journey-after')
    .locator('tbody tr.ant-table-row')
    .filter({ hasNotText: '(exit)' })
    .first();
  const nextPage = (await next.locator('td').first().innerText()).trim();
  await next.click();
  await expect(page).toHaveURL(new RegExp(`journey=${encodeURIComponent(nextPage).replace(/%2F/g, '(%2F|/)')}`));
  await expect(page.getByTestId('journey-page')).toContainText(nextPage);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/s/${SITE}/journeys?range=7d`);
  await expect(beforeRows.first()).toBeVisible();
  await page.screenshot({ path: '/tmp/journeys-390.png', fullPage: true });
});

test('Journeys in Chinese', async ({ page, context }) => {
  await signIn(page);
  await context.addCookies([{ name: 'lt_locale', value: 'zh', domain: '127.0.0.1', path: '/' }]);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/s/${SITE}/journeys?range=7d&steps=3`);
  await expect(page.getByText('热门路径')).toBeVisible();
  await expect(page.getByTestId('journey-before').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/journeys-zh-1440.png', fullPage: true });
});

/** One page view of a session, in its own request so the server's clock orders them. */
async function view(page: Page, session: string, path: string) {
  const res = await page.request.post('/api/collect', {
    headers: { 'content-type': 'text/plain' },
    data: JSON.stringify({
      site: 'fixture-b',
      visitorId: `${session}-v`,
      sessionId: session,
      events: [{ type: 'pageview', url: `https://shop.example${path}` }],
    }),
  });
  expect(res.status()).toBe(202);
  // A new millisecond before the next view: two views of one instant would be ordered by id.
  await page.waitForTimeout(5);
}

test('many neighbours: seven bands a side and the rest as one', async ({ page }) => {
  // On fixture-b under paths of this run's own (a retry starts afresh): specs counting
  // fixture-a's pages stay exact.
  const run = Date.now().toString(36);
  await signIn(page);
  for (let k = 0; k < 10; k++) {
    const session = `jx-${run}-${k}`;
    for (const path of [`/jx${run}/from-${k}`, `/jx${run}/hub`, `/jx${run}/to-${k % 2}`])
      await view(page, session, path);
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
  await expect(async () => {
    await page.goto(`/s/fixture-b/journeys?range=7d&journey=${encodeURIComponent(`/jx${run}/hub`)}`);
    await expect(
      page
        .getByTestId('journey-after')
        .locator('tbody tr.ant-table-row')
        .filter({ hasText: `/jx${run}/to-0` })
        .locator('td'),
    ).toHaveText([`/jx${run}/to-0`, '5', '50%'], { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('journey-before').locator('tbody tr.ant-table-row')).toHaveCount(10);
  const sankey = page.getByTestId('journey-sankey');
  await expect(sankey.locator('svg text', { hasText: 'Other pages' })).toHaveCount(1);
  await expect(sankey.locator('svg text', { hasText: `/jx${run}/from-` })).toHaveCount(7);
  await page.screenshot({ path: '/tmp/journeys-many-1440.png', fullPage: true });
});
