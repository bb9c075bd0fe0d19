import { expect as baseExpect, test } from './support/test';
import { fixture, signIn } from './support/session';

// Reports over the whole fixture under a filter; room for a busy shared runner.
const expect = baseExpect.configure({ timeout: 15_000 });

const SITE = 'fixture-a';
const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);
// Every way the fixture spells Baidu, written out here rather than asked of the normaliser.
const BAIDU = new Set(['baidu', 'baidu.com', 'm.baidu.com']);

/** The sessions of the fixture site that entered from Baidu, from their first page view's raw columns. */
function baiduSessions() {
  const views = fixture()
    .events.filter((e) => e.site_id === SITE && e.type === 'pageview')
    .sort((a, b) => a.ts - b.ts);
  const entry = new Map<string, (typeof views)[number]>();
  for (const v of views) if (!entry.has(v.session_id)) entry.set(v.session_id, v);
  const spellings = new Set<string>();
  const sessions = [...entry.values()].filter((v) => {
    const raw = v.utm_source || v.referrer_domain;
    if (BAIDU.has(raw)) spellings.add(raw);
    return BAIDU.has(raw);
  });
  return { sessions: sessions.length, visitors: new Set(sessions.map((v) => v.visitor_id)).size, spellings };
}

test('the sources list shows Baidu once for all its spellings, and filters by it', async ({ page }) => {
  const baidu = baiduSessions();
  expect([...baidu.spellings].sort()).toEqual([...BAIDU].sort());
  await signIn(page);
  await page.goto(`/s/${SITE}/overview?range=90d`);
  const table = page.getByTestId('breakdown-sources');
  const values = table.locator('tbody tr.ant-table-row td:first-child');
  await expect(values.first()).toBeVisible();
  const shown = await values.allTextContents();
  expect(shown.filter((v) => /baidu/i.test(v))).toEqual(['Baidu']);
  const row = table.locator('tbody tr.ant-table-row', { hasText: 'Baidu' });
  await expect(row.locator('td').nth(1)).toHaveText(fmt(baidu.visitors));
  await expect(row.locator('td').nth(2)).toHaveText(fmt(baidu.sessions));

  await row.click();
  await expect(page).toHaveURL(/source=Baidu/);
  const visitors = page.getByTestId('kpi-visitors').getByTestId('kpi-value');
  await expect(visitors).toHaveText(fmt(baidu.visitors));
  await expect(page.getByTestId('kpi-sessions').getByTestId('kpi-value')).toHaveText(fmt(baidu.sessions));

  // A link from before sources had names still finds them.
  await page.goto(`/s/${SITE}/overview?range=90d&source=m.baidu.com`);
  await expect(visitors).toHaveText(fmt(baidu.visitors));
});
