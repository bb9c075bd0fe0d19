import { readFileSync } from 'node:fs';
import { expect as base, test, type Page } from './support/test';
import { signIn } from './support/session';

// Drilling into China names regions and cities instead of geoip-lite's codes, in both
// languages, and the map zooms into the country. The fixture's Chinese places are GD/Shenzhen
// and BJ/Beijing; the names are what CLDR (English) and GB/T 2260 (Chinese) call them.
const SITE = 'fixture-a';
// The first Chinese names of a server are built on demand (about a second, more on a busy runner).
const expect = base.configure({ timeout: 15_000 });
test.slow();
const SHOTS = process.env['GEO_SHOTS'] ?? '/tmp';
const NAMES = {
  en: { country: 'China', GD: 'Guangdong', BJ: 'Beijing', Shenzhen: 'Shenzhen', world: 'World' },
  zh: { country: '中国', GD: '广东省', BJ: '北京市', Shenzhen: '深圳', world: '全球' },
} as const;

const table = (page: Page) => page.getByTestId('geo-table');
const zoom = (page: Page) => page.getByTestId('map-zoom');

/**
 * How much of the map China fills on screen, the larger of its width and height shares (the
 * drawing is fitted into the svg box by whichever side binds): about a quarter for the world, most
 * of the map zoomed in.
 */
async function chinaShare(page: Page): Promise<number> {
  const map = await page.getByTestId('world-map').locator('svg[role="group"]').boundingBox();
  const cn = await page.locator('path[data-country="CN"]').boundingBox();
  if (!map || !cn) throw new Error('map not drawn');
  return Math.max(cn.width / map.width, cn.height / map.height);
}

async function csvOf(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await table(page)
    .getByRole('button', { name: /Export CSV|导出 CSV/ })
    .click();
  return readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '');
}

for (const locale of ['en', 'zh'] as const) {
  test(`drilling into China in ${locale} names regions and cities and zooms the map`, async ({ page, context }) => {
    const n = NAMES[locale];
    await signIn(page);
    await context.addCookies([{ name: 'lt_locale', value: locale, domain: '127.0.0.1', path: '/' }]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/s/${SITE}/geo?range=90d`);
    await expect(zoom(page)).toHaveAttribute('data-zoom', '');
    await expect(zoom(page)).toHaveAttribute('data-scale', '1.00');
    const worldShare = await chinaShare(page);
    expect(worldShare).toBeLessThan(0.35);

    await page.locator('path[data-country="CN"]').click();
    await expect(zoom(page)).toHaveAttribute('data-zoom', 'CN');
    const scale = Number(await zoom(page).getAttribute('data-scale'));
    expect(scale).toBeGreaterThan(2);
    expect(await chinaShare(page)).toBeGreaterThan(0.6);
    await expect(table(page).locator('[data-place="GD"]')).toHaveText(n.GD);
    await expect(table(page).locator('[data-place="BJ"]')).toHaveText(n.BJ);
    await expect(table(page)).not.toContainText(/\bGD\b/);
    const regions = await csvOf(page);
    expect(regions.split(/\r?\n/)[0]).toMatch(/^region,region_name,/);
    expect(regions).toContain(`GD,${n.GD},`);
    expect(regions).toContain(`BJ,${n.BJ},`);
    await page.screenshot({ path: `${SHOTS}/geo-names-${locale}-1440.png`, fullPage: true });

    await table(page).locator('[data-place="GD"]').click();
    await expect(table(page).locator('[data-place="Shenzhen"]')).toHaveText(n.Shenzhen);
    await expect(page.getByTestId('geo-breadcrumb')).toContainText(n.GD);
    await expect(page.getByTestId('geo-breadcrumb')).toContainText(n.country);
    const cities = await csvOf(page);
    expect(cities.split(/\r?\n/)[0]).toMatch(/^city,city_name,/);
    expect(cities).toContain(`Shenzhen,${n.Shenzhen},`);
    // Still zoomed on the cities of a Chinese region.
    await expect(zoom(page)).toHaveAttribute('data-zoom', 'CN');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/geo-names-${locale}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Back out from the map: the world again, and the table at the country level.
    await page.getByTestId('map-reset').click();
    await expect(zoom(page)).toHaveAttribute('data-zoom', '');
    await expect(zoom(page)).toHaveAttribute('data-scale', '1.00');
    await expect(page).not.toHaveURL(/level=/);
    expect(await chinaShare(page)).toBeCloseTo(worldShare, 2);
  });
}

test('places elsewhere name Chinese cities in Chinese', async ({ page, context }) => {
  await signIn(page);
  await context.addCookies([{ name: 'lt_locale', value: 'zh', domain: '127.0.0.1', path: '/' }]);
  await page.goto(`/s/${SITE}/visitors?range=90d`);
  await expect(page.getByText('中国 · 深圳').first()).toBeVisible();
  await expect(page.getByText('中国 · 北京').first()).toBeVisible();
  await expect(page.getByText('Shenzhen')).toHaveCount(0);
  await context.addCookies([{ name: 'lt_locale', value: 'en', domain: '127.0.0.1', path: '/' }]);
  await page.reload();
  await expect(page.getByText('China · Shenzhen').first()).toBeVisible();
});
