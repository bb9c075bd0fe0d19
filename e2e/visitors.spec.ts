import { expect, test } from './support/test';
import type { EventRow } from '../clickhouse/rows';
import { fixture, signIn } from './support/session';

// The visitors list and a profile, against the fixture the e2e server loaded. Every
// expected value is computed here from the fixture rows.
const SITE = 'fixture-a';
const exactNumber = (n: number) => new RegExp(`(^|\\D)${n}(\\D|$)`);
/** useFormat().duration in English, restated: 75_000 → "1m 15s". */
const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
};

function returningIdentifiedVisitor() {
  const { events, identities } = fixture();
  const mine = events.filter((e) => e.site_id === SITE);
  const candidates = identities.filter(
    (i) =>
      i.site_id === SITE &&
      new Set(mine.filter((e) => e.visitor_id === i.visitor_id).map((e) => e.session_id)).size === 2,
  );
  const identity = candidates[0];
  if (!identity) throw new Error('the fixture has no identified returning visitor');
  const own = mine.filter((e) => e.visitor_id === identity.visitor_id).sort((a, b) => a.ts - b.ts);
  const bySession = new Map<string, EventRow[]>();
  for (const e of own) bySession.set(e.session_id, [...(bySession.get(e.session_id) ?? []), e]);
  const sessions = [...bySession.values()].sort((a, b) => b[0]!.ts - a[0]!.ts);
  return { mine, identity, own, sessions };
}

test('lists every visitor of the range and finds one by email', async ({ page }) => {
  const { mine, identity } = returningIdentifiedVisitor();
  await signIn(page);
  await page.goto(`/s/${SITE}/visitors?range=90d`);
  await expect(page.getByTestId('visitors-total')).toHaveText(exactNumber(new Set(mine.map((e) => e.visitor_id)).size));

  await page.getByTestId('visitor-search').locator('input').fill(identity.email.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(identity.email.toUpperCase())}`));
  const rows = page.getByTestId('visitors-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('visitors-total')).toHaveText(exactNumber(1));
  await expect(rows.first()).toContainText(identity.name);
  await expect(rows.first()).toContainText(identity.email);
});

test("a profile shows every visit with its trail, newest first, and the way back keeps the list's state", async ({
  page,
}) => {
  const { identity, own, sessions } = returningIdentifiedVisitor();
  await signIn(page);
  await page.goto(`/s/${SITE}/visitors?range=90d&q=${encodeURIComponent(identity.email)}`);
  await page.getByTestId('visitor-link').first().click();
  await expect(page).toHaveURL(new RegExp(`/s/${SITE}/visitors/${identity.visitor_id}\\?`));

  await expect(page.getByTestId('visitor-name')).toHaveText(identity.name);
  await expect(page.getByTestId('profile-sessions')).toHaveText(String(sessions.length));
  await expect(page.getByTestId('profile-pageviews')).toHaveText(
    String(own.filter((e) => e.type === 'pageview').length),
  );
  await expect(page.getByTestId('session-header')).toHaveCount(sessions.length);
  // Time on site is the sum of the visits' durations (first to last event of each), the
  // same figure each visit shows; the tooltip says so.
  const lasted = sessions.map((es) => es.at(-1)!.ts - es[0]!.ts);
  await expect(page.getByTestId('profile-time-on-site')).toHaveText(duration(lasted.reduce((a, b) => a + b, 0)));
  await expect(page.getByTestId('session-duration').first()).toHaveText(duration(lasted[0]!));
  await page.getByTestId('time-on-site-label').hover();
  await expect(page.getByRole('tooltip')).toContainText("The sum of the visits' durations");

  // The newest visit is open: its pages in order, each with its engaged time.
  const newest = sessions[0]!;
  const views = newest.filter((e) => e.type === 'pageview');
  const first = page.getByTestId('session').first();
  await expect(first.getByTestId('trail-path')).toHaveText(views.map((e) => e.path));
  const engaged = views.map((v) =>
    newest
      .filter((e) => e.type === 'engagement' && e.path === v.path && e.ts >= v.ts)
      .reduce((s, e) => s + e.engaged_ms, 0),
  );
  for (const [k, ms] of engaged.entries())
    await expect(first.getByTestId('trail-time').nth(k)).toContainText(duration(ms));

  // The older visit opens on click and shows its own trail and what happened in it.
  const older = sessions[1]!;
  await page.getByTestId('session-header').nth(1).click();
  const second = page.getByTestId('session').nth(1);
  await expect(second.getByTestId('trail-path')).toHaveText(
    older.filter((e) => e.type === 'pageview').map((e) => e.path),
  );
  const moments = older.filter((e) => e.type !== 'pageview' && e.type !== 'engagement').map((e) => e.type);
  await expect(second.getByTestId('trail-moment')).toHaveCount(moments.length);
  for (const [k, type] of moments.entries())
    await expect(second.getByTestId('trail-moment').nth(k)).toHaveAttribute('data-type', type);

  await page.getByTestId('back-to-visitors').click();
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByTestId('visitor-search').locator('input')).toHaveValue(identity.email);
  await expect(page.getByTestId('visitors-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
});

test("another site's visitor is not found here", async ({ page }) => {
  const other = fixture().events.find((e) => e.site_id !== SITE);
  if (!other) throw new Error('the fixture has no second site');
  await signIn(page);
  await page.goto(`/s/${SITE}/visitors/${other.visitor_id}`);
  await expect(page.locator('[data-state="not-found"]')).toBeVisible();
});
