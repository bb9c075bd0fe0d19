import { expect, test, type Page } from './support/test';
import { fixture, signIn } from './support/session';

// The leads screen against the fixture the e2e server loaded: the fixture's leads rows
// (visitors i % 12 === 0 of fixture-a) give every expected value.
const SITE = 'fixture-a';
const exactNumber = (n: number) => new RegExp(`(^|\\D)${n}(\\D|$)`);

function fixtureLeads() {
  const leads = fixture().leads.filter((l) => l.site_id === SITE);
  if (leads.length < 2) throw new Error('the fixture has too few leads');
  return leads;
}

const rows = (page: Page) => page.getByTestId('leads-table').locator('tbody tr.ant-table-row');

async function search(page: Page, text: string) {
  await page.getByTestId('lead-search').locator('input').fill(text);
  await expect(rows(page)).toHaveCount(1);
}

test('the Leads screen lists every lead of the site and finds one by email', async ({ page }) => {
  const leads = fixtureLeads();
  await signIn(page);
  await page.goto(`/s/${SITE}/visitors`);
  await page.locator('.ant-layout-sider').getByRole('link', { name: 'Leads' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/leads`));
  await expect(page.getByTestId('leads-total')).toHaveText(exactNumber(leads.length));
  await expect(rows(page)).toHaveCount(leads.length);

  const target = leads[1]!;
  await search(page, target.email.toUpperCase());
  await expect(page.getByTestId('leads-total')).toHaveText(exactNumber(1));
  await expect(rows(page).first()).toContainText(target.name);
  await expect(rows(page).first()).toContainText(target.email);
});

test('a status change and notes persist across a reload; the drawer shows attribution', async ({ page }) => {
  const target = fixtureLeads()[1]!;
  const next = target.status === 'won' ? 'Lost' : 'Won';
  await signIn(page);
  await page.goto(`/s/${SITE}/leads`);
  await search(page, target.email);

  const saved = page.waitForResponse((r) => r.url().includes('lead.update') && r.ok());
  await rows(page).first().getByTestId('lead-status').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(next, { exact: true }).click();
  await saved;
  await expect(rows(page).first().getByTestId('lead-status')).toContainText(next);

  await page.reload();
  await search(page, target.email);
  await expect(rows(page).first().getByTestId('lead-status')).toContainText(next);
  // The status filter agrees with the stored status.
  await page.getByTestId('lead-status-filter').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(next, { exact: true }).click();
  await expect(rows(page)).toHaveCount(1);

  await rows(page).first().getByTestId('lead-open').click();
  const drawer = page.getByTestId('lead-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('lead-message')).toHaveText(target.message);
  const first = drawer.getByTestId('lead-first-touch');
  await expect(first).toContainText(target.first_referrer_domain || 'Direct');
  await expect(first).toContainText(target.first_landing_path);
  if (target.first_utm_source) await expect(first).toContainText(target.first_utm_source);
  await expect(drawer.getByTestId('lead-last-touch')).toContainText(target.last_referrer_domain || 'Direct');
  await expect(drawer.getByTestId('lead-visitor-link')).toHaveAttribute(
    'href',
    `/s/${SITE}/visitors/${target.visitor_id}`,
  );

  const notesSaved = page.waitForResponse((r) => r.url().includes('lead.update') && r.ok());
  await drawer.getByTestId('lead-notes').fill('Sent the wholesale price list');
  await drawer.getByTestId('lead-save-notes').click();
  await notesSaved;
  await page.reload();
  await search(page, target.email);
  await rows(page).first().getByTestId('lead-open').click();
  await expect(page.getByTestId('lead-drawer').getByTestId('lead-notes')).toHaveValue('Sent the wholesale price list');
});

test('Export CSV downloads every lead of the list, not only the page shown', async ({ page }) => {
  const leads = fixtureLeads();
  await signIn(page);
  await page.goto(`/s/${SITE}/leads`);
  await expect(page.getByTestId('leads-total')).toHaveText(exactNumber(leads.length));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
  const lines = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\n');
  expect(lines[0]).toMatch(/^lead_id,created_at,/);
  expect(lines).toHaveLength(leads.length + 1);
  for (const lead of leads) expect(csv).toContain(lead.lead_id);
});
