import { expect as baseExpect, test, type Page } from './support/test';
import type { EventRow } from '../clickhouse/rows';
import { resolveRange } from '../server/reports/resolve-range';
import { fixture, signIn } from './support/session';

// Pages, Retention and a share link in real Chromium, with expected figures computed here
// from the fixture rows the server loaded (and from the clicks this spec sends).
// The shared 2-core machine runs several suites at once: reports may take seconds to answer.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });
const SITE = 'fixture-a';
const TZ = 'Asia/Shanghai';
const num = (n: number) => new Intl.NumberFormat('en-US').format(n);
const mine = () => fixture().events.filter((e) => e.site_id === SITE);

/** Each session's last page view in [from, to), by time then event id. */
function exitsIn(from: number, to: number) {
  const last = new Map<string, EventRow>();
  for (const e of mine())
    if (e.type === 'pageview' && e.ts >= from && e.ts < to) {
      const seen = last.get(e.session_id);
      if (!seen || e.ts > seen.ts || (e.ts === seen.ts && e.event_id > seen.event_id)) last.set(e.session_id, e);
    }
  const counts = new Map<string, number>();
  for (const e of last.values()) counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Clicks go to the other fixture site: specs after this one count fixture-a's visitors exactly. */
const OUTBOUND_SITE = 'fixture-b';

async function sendOutbound(page: Page, visitor: string, href: string) {
  const res = await page.request.post('/api/collect', {
    headers: { 'content-type': 'text/plain' },
    data: JSON.stringify({
      site: OUTBOUND_SITE,
      visitorId: visitor,
      sessionId: `${visitor}-s`,
      events: [{ type: 'outbound', url: 'https://shop.example/products', href }],
    }),
  });
  expect(res.status()).toBe(202);
}

test('Pages shows exit pages and outbound clicks by domain and URL', async ({ page }) => {
  await signIn(page);
  const run = Date.now().toString(36);
  await sendOutbound(page, `ob-a-${run}`, 'https://www.partner.example/deal');
  await sendOutbound(page, `ob-b-${run}`, 'https://partner.example/deal?ref=1');
  await sendOutbound(page, `ob-b-${run}`, 'https://www.partner.example/deal');

  const range = resolveRange({ preset: '7d' }, TZ);
  const exits = exitsIn(range.from, range.to);
  await page.goto(`/s/${SITE}/pages?range=7d`);
  const exitRows = page.getByTestId('exit-pages').locator('tbody tr.ant-table-row');
  for (const [i, [path, count]] of exits.slice(0, 3).entries()) {
    await expect(exitRows.nth(i).locator('td').nth(0)).toHaveText(path);
    await expect(exitRows.nth(i).locator('td').nth(1)).toHaveText(num(count));
  }

  // Three clicks by two visitors to one domain (www. folded), two distinct URLs.
  await page.goto(`/s/${OUTBOUND_SITE}/pages?range=7d`);
  const outbound = page.getByTestId('outbound-links').locator('tbody tr.ant-table-row');
  await expect(outbound.filter({ hasText: 'partner.example' }).locator('td')).toHaveText(['partner.example', '3', '2']);
  await page.getByTestId('outbound-group').getByText('URL').click();
  await expect(outbound.filter({ hasText: 'https://www.partner.example/deal' }).locator('td')).toHaveText([
    'https://www.partner.example/deal',
    '2',
    '2',
  ]);
  await expect(page.getByTestId('entry-exit').locator('tbody tr.ant-table-row').first()).toBeVisible();
});

test('Pages shows time on page and scroll depth, and the snippet measures how far a visitor scrolled', async ({
  page,
  browser,
}) => {
  await signIn(page);
  const range = resolveRange({ preset: '7d' }, TZ);
  const rows = mine().filter((e) => e.ts >= range.from && e.ts < range.to);
  const views = new Map<string, number>();
  for (const e of rows) if (e.type === 'pageview') views.set(e.path, (views.get(e.path) ?? 0) + 1);
  const [top, topViews] = [...views].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  const engaged = rows.filter((e) => e.type === 'engagement' && e.path === top);
  const seconds = Math.round(engaged.reduce((s, e) => s + e.engaged_ms, 0) / topViews / 1000);
  const deepest = new Map<string, number>();
  for (const e of engaged) deepest.set(e.session_id, Math.max(deepest.get(e.session_id) ?? 0, e.scroll_pct));
  const depth = [...deepest.values()].reduce((a, b) => a + b, 0) / deepest.size / 100;

  await page.goto(`/s/${SITE}/pages?range=7d`);
  const first = page.getByTestId('page-engagement').locator('tbody tr.ant-table-row').first();
  await expect(first.locator('td')).toHaveText([
    top,
    num(topViews),
    /\d/,
    `${Math.floor(seconds / 60) ? `${Math.floor(seconds / 60)}m ` : ''}${seconds % 60}s`,
    new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(depth),
  ]);

  // The snippet in Chromium: a visitor on a window smaller than the page scrolls to its end;
  // the page's engagement says it was seen to the bottom.
  const context = await browser.newContext({ viewport: { width: 800, height: 300 } });
  const engagement: { scrollPct?: number }[] = [];
  await context.route('**/api/collect', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { events?: { type: string; scrollPct?: number }[] };
    engagement.push(...(body.events ?? []).filter((e) => e.type === 'engagement'));
    await route.continue();
  });
  const shop = await context.newPage();
  await shop.goto('/demo/products');
  await shop.waitForFunction(() => document.documentElement.scrollHeight > innerHeight * 1.5);
  await shop.mouse.wheel(0, 20_000);
  await shop.waitForFunction(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 1);
  // What a tab switch sends (a beacon sent while the page unloads never reaches routing).
  await shop.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => engagement.map((e) => e.scrollPct)).toEqual([100]);
  await context.close();
});

test('Retention shows the share of each weekly cohort that came back', async ({ page }) => {
  const range = resolveRange({ preset: '30d' }, TZ);
  const day = (ts: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(ts);
  const week = (ts: number) => {
    const d = new Date(`${day(ts)}T00:00:00Z`);
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  };
  const views = mine().filter((e) => e.type === 'pageview');
  const first = new Map<string, number>();
  for (const e of views) first.set(e.visitor_id, Math.min(first.get(e.visitor_id) ?? Infinity, e.ts));
  const cohorts = new Map<string, { size: Set<string>; back: Set<string> }>();
  for (const e of views) {
    const f = first.get(e.visitor_id)!;
    if (f < range.from || f >= range.to) continue;
    const c = cohorts.get(week(f)) ?? { size: new Set(), back: new Set() };
    c.size.add(e.visitor_id);
    if (week(e.ts) !== week(f)) c.back.add(e.visitor_id);
    cohorts.set(week(f), c);
  }
  // A cohort some of whose visitors came back the next week (the fixture's returns come 2 days later).
  const [cohort, c] = [...cohorts].find(([, v]) => v.back.size > 0)!;

  await signIn(page);
  await page.goto(`/s/${SITE}/retention?range=30d`);
  const row = page.getByTestId('retention-table').locator('tbody tr.ant-table-row').filter({ hasText: cohort });
  await expect(row.locator('td').nth(1)).toHaveText(num(c.size.size));
  await expect(page.getByTestId(`ret-${cohort}-1`)).toHaveAttribute('data-value', String(c.back.size / c.size.size));
});

test('a share link opens the figures in a fresh browser without signing in, nothing personal, and stops when revoked', async ({
  page,
  browser,
}) => {
  await signIn(page);
  await page.goto(`/s/${SITE}/overview?range=30d`);
  const visitors = await page.getByTestId('kpi-visitors').getByTestId('kpi-value').innerText();
  await page.getByTestId('share-open').click();
  const name = `Board ${Date.now().toString(36)}`;
  await page.getByTestId('share-name').fill(name);
  await page.getByTestId('share-create').click();
  const link = (await page.getByTestId('share-link-shown').innerText()).trim();
  expect(link).toMatch(/\/share\/lts_/);

  const guest = await browser.newContext();
  const view = await guest.newPage();
  await view.goto(link);
  await expect(view).toHaveURL(new RegExp(`/shared/${SITE}`));
  await view.goto(`/shared/${SITE}?range=30d`);
  await expect(view.getByTestId('kpi-visitors').getByTestId('kpi-value')).toHaveText(visitors);
  await view.getByTestId('shared-views').getByText('Pages').click();
  await expect(view.getByTestId('exit-pages').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await view.getByTestId('shared-views').getByText('Retention').click();
  await expect(view.getByTestId('retention-table')).toBeVisible();
  await view.getByTestId('shared-views').getByText('Journeys').click();
  await expect(view.getByTestId('journey-before').locator('tbody tr.ant-table-row').first()).toBeVisible();
  // No menu, no links to people; the server refuses personal reads with this browser's cookie.
  await expect(view.locator(`a[href*="/s/${SITE}/"]`)).toHaveCount(0);
  const personal = encodeURIComponent(JSON.stringify({ siteId: SITE, range: { preset: '30d' }, filters: {} }));
  for (const path of ['visitor.list', 'chatHistory.list', 'lead.list'])
    expect((await view.request.get(`/api/trpc/${path}?input=${personal}`)).status()).toBe(401);
  await view.goto(`/s/${SITE}/visitors`);
  await expect(view).toHaveURL(/sign-in/);

  await page.getByTestId(`share-revoke-${name}`).click();
  await page.getByTestId('share-revoke-ok').click();
  await expect(page.getByTestId('share-links-table').getByText(/Revoked/)).toBeVisible();
  await view.goto(`/shared/${SITE}?range=30d`);
  await expect(view.getByTestId('share-refused')).toBeVisible();
  await view.goto(link);
  await expect(view.getByTestId('share-refused')).toContainText('revoked');
  await guest.close();
});
