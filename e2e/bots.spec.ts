import { expect, test, type APIRequestContext } from './support/test';
import { signIn } from './support/session';

// Requests with bot user agents go through the real /api/collect; the Bots screen shows
// them, counted here from what was sent (the e2e store starts with no bot rows, and no other
// spec sends a bot UA to fixture-b).
const SITE = 'fixture-b';
const RUN = Date.now().toString(36);
const P = `/bots-e2e-${RUN}`;
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const CURL = 'curl/8.4.0';
const PERSON = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SENT: { ua: string; path: string }[] = [
  { ua: GOOGLEBOT, path: `${P}/a` },
  { ua: GOOGLEBOT, path: `${P}/a` },
  { ua: GOOGLEBOT, path: `${P}/b` },
  { ua: CURL, path: `${P}/a` },
  { ua: CURL, path: `${P}/c` },
];
const int = (n: number) => new Intl.NumberFormat('en-US').format(n);

async function hit(request: APIRequestContext, ua: string, path: string, i: number) {
  const res = await request.post('/api/collect', {
    headers: { 'content-type': 'text/plain', 'user-agent': ua },
    data: JSON.stringify({
      site: SITE,
      visitorId: `bote2e${RUN}v${i}`,
      sessionId: `bote2e${RUN}s${i}`,
      events: [{ type: 'pageview', url: `https://shop.example${path}`, referrer: '' }],
    }),
  });
  expect(res.status()).toBe(202);
}

async function pageviewsToday(request: APIRequestContext): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ siteId: SITE, range: { preset: 'today' }, filters: {} }));
  const res = await request.get(`/api/trpc/report.overview?input=${input}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { result: { data: { current: { pageviews: number } } } }).result.data.current.pageviews;
}

test('bot hits sent through /api/collect show on the Bots screen, by bot and page', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  for (const [i, s] of SENT.entries()) await hit(request, s.ua, s.path, i);
  // A person's page view is counted among the human page views, not as a bot.
  await hit(request, PERSON, `${P}/a`, 99);
  await signIn(page);

  const names = page.getByTestId('bots-by-name');
  const google = names.locator('tbody tr.ant-table-row').filter({ hasText: 'Googlebot' });
  await expect(async () => {
    await page.goto(`/s/${SITE}/bots?range=today`);
    await expect(page.getByTestId('bot-hits')).toContainText(int(SENT.length), { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  const pageviews = await pageviewsToday(page.request);
  expect(pageviews).toBeGreaterThan(0);
  await expect(page.getByTestId('bot-count')).toContainText('2');
  const share = SENT.length / (SENT.length + pageviews);
  await expect(page.getByTestId('bot-share')).toContainText(
    new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(share),
  );
  await expect(page.getByTestId('bots-chart')).toHaveAttribute('data-hits', String(SENT.length));
  await expect(google.locator('td').nth(1)).toHaveText('Search engine');
  await expect(google.locator('td').nth(2)).toHaveText('3');
  const curl = names.locator('tbody tr.ant-table-row').filter({ hasText: 'curl' });
  await expect(curl.locator('td').nth(1)).toHaveText('Script or tool');
  await expect(curl.locator('td').nth(2)).toHaveText('2');

  const pages = page.getByTestId('bot-pages').locator('tbody tr.ant-table-row');
  await expect(
    pages
      .filter({ hasText: `${P}/a` })
      .locator('td')
      .nth(1),
  ).toHaveText('3');
  await expect(
    pages
      .filter({ hasText: `${P}/c` })
      .locator('td')
      .nth(1),
  ).toHaveText('1');

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`bots-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // A click on Googlebot narrows the chart and the pages to it, and the URL keeps it.
  await google.click();
  await expect(page).toHaveURL(/[?&]bot=Googlebot/);
  await expect(page.getByTestId('bot-filter')).toHaveText('Googlebot');
  await expect(page.getByTestId('bots-chart')).toHaveAttribute('data-hits', '3');
  await expect(pages).toHaveCount(2);
  await expect(
    pages
      .filter({ hasText: `${P}/a` })
      .locator('td')
      .nth(1),
  ).toHaveText('2');
  await expect(
    pages
      .filter({ hasText: `${P}/b` })
      .locator('td')
      .nth(1),
  ).toHaveText('1');
  await page.reload();
  await expect(page.getByTestId('bots-chart')).toHaveAttribute('data-hits', '3');

  await page.screenshot({ path: testInfo.outputPath('bots-filtered.png'), fullPage: true });

  // The same screen in Chinese.
  await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await expect(google.locator('td').nth(1)).toHaveText('搜索引擎');
  await expect(page.getByText('Googlebot 访问的页面')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('bots-zh-390.png'), fullPage: true });
  expect(problems).toEqual([]);
});
