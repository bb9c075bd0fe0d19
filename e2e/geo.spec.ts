import { expect, test, type Page } from './support/test';
import type { EventRow } from '../clickhouse/rows';
import { fixture, signIn } from './support/session';

// The Geography screen against the fixture the e2e server loaded: every expected number is
// counted here from the same rows. 90 days covers all of fixture-a (14 days).
const SITE = 'fixture-a';
const int = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const NO_DATA = '#eef0f4';

const events = () => fixture().events.filter((e) => e.site_id === SITE);
const visitors = (rows: EventRow[]) => new Set(rows.map((e) => e.visitor_id)).size;
const count = (rows: EventRow[], type: string) => rows.filter((e) => e.type === type).length;
/** Places of one level, most visitors first, then by code/name: the table's default order. */
const ranked = (rows: EventRow[], key: 'region' | 'city') =>
  [...new Set(rows.map((e) => e[key]))].sort(
    (a, b) =>
      visitors(rows.filter((e) => e[key] === b)) - visitors(rows.filter((e) => e[key] === a)) || (a < b ? -1 : 1),
  );

// What CLDR and GB/T 2260 call the fixture's regions (GD, BJ) and its Chinese cities.
const REGION_EN: Record<string, string> = { GD: 'Guangdong', BJ: 'Beijing' };

const table = (page: Page) => page.getByTestId('geo-table');
const row = (page: Page, place: string) => table(page).locator('tr', { has: page.locator(`[data-place="${place}"]`) });
const country = (page: Page, code: string) => page.locator(`path[data-country="${code}"]`);

/** Each coloured country's fill is the legend swatch of its class: value / max in equal fifths. */
async function expectColouring(page: Page, values: Map<string, number>) {
  await expect(page.getByTestId('map-legend').locator('[data-fill]').first()).toBeAttached();
  const steps = await page.getByTestId('map-legend').locator('[data-fill]').count();
  const max = Math.max(...values.values());
  for (const [code, v] of values) {
    const step = Math.min(steps - 1, Math.floor((v / max) * steps));
    const swatch = await page.getByTestId('map-legend').locator(`[data-step="${step}"]`).getAttribute('data-fill');
    await expect(country(page, code), `${code} = ${v} of ${max}`).toHaveAttribute('fill', swatch ?? '');
    await expect(country(page, code)).toHaveAttribute('data-value', String(v));
  }
}

const perCountry = (rows: EventRow[], measure: (rows: EventRow[]) => number) =>
  new Map(
    [...new Set(rows.map((e) => e.country))]
      .filter(Boolean)
      .map((c) => [c, measure(rows.filter((e) => e.country === c))]),
  );

test('map and table show the fixture by country, and the table drills down to cities', async ({ page }) => {
  const rows = events();
  const cn = rows.filter((e) => e.country === 'CN');
  await signIn(page);
  await page.goto(`/s/${SITE}/geo?range=90d`);

  await expect(country(page, 'CN')).not.toHaveAttribute('fill', NO_DATA);
  await expect(country(page, 'FR')).toHaveAttribute('fill', NO_DATA);
  await expectColouring(page, perCountry(rows, visitors));

  const cnCells = row(page, 'CN').locator('td');
  await expect(cnCells.nth(0)).toHaveText('China');
  await expect(cnCells.nth(1)).toHaveText(int(visitors(cn)));
  await expect(cnCells.nth(2)).toHaveText(int(new Set(cn.map((e) => e.session_id)).size));
  await expect(cnCells.nth(3)).toHaveText(int(count(cn, 'pageview')));
  await expect(cnCells.nth(4)).toHaveText(int(count(cn, 'chat_started')));
  await expect(cnCells.nth(5)).toHaveText(int(count(cn, 'lead_created')));
  await expect(cnCells.nth(6)).toHaveText(int(count(cn, 'order')));

  await country(page, 'CN').hover();
  await expect(page.getByTestId('map-tooltip')).toContainText('China');
  await expect(page.getByTestId('map-tooltip')).toContainText(`Visitors: ${int(visitors(cn))}`);

  // Click China on the map → its regions (GD, BJ), then a region → its city.
  await country(page, 'CN').click();
  await expect(page).toHaveURL(/level=region/);
  await expect(page).toHaveURL(/geoCountry=CN/);
  const regions = ranked(cn, 'region');
  expect(new Set(regions)).toEqual(new Set(['GD', 'BJ']));
  await expect(table(page).locator('[data-place]')).toHaveText(regions.map((r) => REGION_EN[r] ?? r));
  await expect(row(page, 'GD').locator('td').nth(1)).toHaveText(int(visitors(cn.filter((e) => e.region === 'GD'))));

  await table(page).locator('[data-place="GD"]').click();
  const gd = cn.filter((e) => e.region === 'GD');
  await expect(table(page).locator('[data-place]')).toHaveText(ranked(gd, 'city'));
  await expect(row(page, 'Shenzhen').locator('td').nth(1)).toHaveText(int(visitors(gd)));

  // The drill-down lives in the URL: a reload lands on the same cities.
  await page.reload();
  await expect(table(page).locator('[data-place]')).toHaveText(['Shenzhen']);
  const crumbs = page.getByTestId('geo-breadcrumb');
  await expect(crumbs).toContainText('Guangdong');
  await crumbs.getByRole('button', { name: 'China' }).click();
  await expect(table(page).locator('[data-place]')).toHaveText(regions.map((r) => REGION_EN[r] ?? r));
  await crumbs.getByRole('button', { name: 'World' }).click();
  await expect(row(page, 'US')).toBeVisible();

  // Filter the whole site by a country: the page-wide filter, shown in the toolbar.
  await page.getByTestId('filter-country-US').click();
  await expect(page).toHaveURL(/[?&]country=US/);
  await expect(page.locator('[data-filter="country"]')).toContainText('US');
  await expect(table(page).locator('[data-place]')).toHaveText(['United States']);
});

test('switching the metric recolours the map and survives a reload', async ({ page }) => {
  const rows = events();
  await signIn(page);
  await page.goto(`/s/${SITE}/geo?range=90d`);
  await expectColouring(page, perCountry(rows, visitors));
  const usByVisitors = await country(page, 'US').getAttribute('fill');

  await page.getByTestId('metric-switch').getByText('Chats').click();
  await expect(page).toHaveURL(/metric=chats/);
  await expectColouring(
    page,
    perCountry(rows, (r) => count(r, 'chat_started')),
  );

  // Orders are all in China in the fixture: the other countries drop to the lowest class.
  await page.getByTestId('metric-switch').getByText('Orders').click();
  await expect(page).toHaveURL(/metric=orders/);
  const orders = perCountry(rows, (r) => count(r, 'order'));
  expect(orders.get('US')).toBe(0);
  await expectColouring(page, orders);
  await expect(country(page, 'US')).not.toHaveAttribute('fill', usByVisitors ?? '');

  await page.reload();
  await expectColouring(page, orders);
});
