import { expect, test } from './support/test';
import type { EventRow } from '../clickhouse/rows';
import { AGENTS } from '../server/demo/demo-world';
import { fixture, signIn } from './support/session';

// The conversion screen on the fixture the e2e server loaded: the numbers are counted here
// from the same rows. 90 days covers all of fixture-a.
const SITE = 'fixture-a';
const int = (n: number) => new Intl.NumberFormat('en-US').format(n);

function journeys() {
  const rows = fixture().events.filter((e) => e.site_id === SITE);
  const byVisitor = new Map<string, EventRow[]>();
  for (const e of rows) byVisitor.set(e.visitor_id, [...(byVisitor.get(e.visitor_id) ?? []), e]);
  return [...byVisitor.values()]
    .filter((es) => es.some((e) => e.type === 'pageview'))
    .map((es) => {
      const views = es.filter((e) => e.type === 'pageview').sort((a, b) => a.ts - b.ts);
      const attention = es.filter((e) => e.type === 'engagement').reduce((s, e) => s + e.engaged_ms, 0);
      return {
        campaign: views[0]!.utm_campaign,
        engaged: views.length >= 2 || attention >= 10_000,
        chatted: es.some((e) => e.type === 'chat_started'),
        lead: es.some((e) => e.type === 'lead_created'),
      };
    });
}

test('the funnel and the campaign breakdown count the fixture, and the screen answers which campaign converts', async ({
  page,
}) => {
  const js = journeys();
  await signIn(page);
  await page.goto(`/s/${SITE}/conversion?range=90d`);
  const counts = page.getByTestId('funnel-table').getByTestId('funnel-count');
  await expect(counts.nth(0)).toHaveText(int(js.length));
  await expect(counts.nth(1)).toHaveText(int(js.filter((j) => j.engaged).length));

  const table = page.getByTestId('conversion-breakdown');
  for (const campaign of [...new Set(js.map((j) => j.campaign))].filter(Boolean)) {
    const group = js.filter((j) => j.campaign === campaign);
    const row = table.locator('tr', { hasText: campaign });
    await expect(row.locator('td').nth(1)).toHaveText(int(group.length));
    await expect(row.locator('td').nth(3)).toHaveText(int(group.filter((j) => j.chatted).length));
    await expect(row.locator('td').nth(4)).toHaveText(int(group.filter((j) => j.lead).length));
  }
  await expect(page.getByTestId('outcome-chatted')).toContainText(int(js.filter((j) => j.chatted).length));

  // Switching the breakdown to agents lists them by name or as "(no chat)".
  await page.getByTestId('breakdown-dimension').click();
  await page.getByTitle('Agent').click();
  await expect(table).toContainText('(no chat)');
});

test('the agents report counts each agent’s chats and leads from the fixture', async ({ page }) => {
  const rows = fixture().events.filter((e) => e.site_id === SITE);
  const started = rows.filter((e) => e.type === 'chat_started');
  const agents = [...new Set(started.map((e) => e.agent_id))];
  await signIn(page);
  await page.goto(`/s/${SITE}/agents?range=90d`);
  const table = page.getByTestId('agents-table');
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(agents.length);
  // Revenue after chats has a column per currency (the fixture orders in CNY only).
  await expect(table.locator('thead th', { hasText: /^Revenue/ })).toHaveText(['Revenue after chat (CNY)']);
  for (const agent of agents) {
    const chats = new Set(started.filter((e) => e.agent_id === agent).map((e) => e.chat_id));
    const leads = rows.filter((e) => e.type === 'lead_created' && chats.has(e.chat_id)).length;
    // The demo team's accounts name the fixture's agents (server/demo/demo-agents.ts).
    const row = table.locator('tr', { hasText: AGENTS.find((a) => a.id === agent)?.name ?? agent });
    await expect(row.locator('td').nth(1)).toHaveText(int(chats.size));
    await expect(row.locator('td').nth(5)).toHaveText(int(leads));
  }
});

test('by invitation rule, chats the visitors started themselves have their own row, and Visitors says how it counts', async ({
  page,
}) => {
  // fixture-a has no invitations: people who asked for a chat themselves, and everyone else.
  const rows = fixture().events.filter((e) => e.site_id === SITE);
  const withViews = new Set(rows.filter((e) => e.type === 'pageview').map((e) => e.visitor_id));
  const asked = new Set(
    rows.filter((e) => e.type === 'chat_requested' && e.props['origin'] === 'visitor').map((e) => e.visitor_id),
  );
  await signIn(page);
  await page.goto(`/s/${SITE}/conversion?range=90d`);
  await page.getByTestId('breakdown-dimension').click();
  await page.getByTitle('Invitation rule').click();
  const table = page.getByTestId('conversion-breakdown');
  await expect(table.locator('tr', { hasText: 'Visitor started' }).locator('td').nth(1)).toHaveText(int(asked.size));
  await expect(table.locator('tr', { hasText: 'No invitation or chat' }).locator('td').nth(1)).toHaveText(
    int(withViews.size - asked.size),
  );
  await expect(table).not.toContainText('(no chat)');
  await table.getByTestId('visitors-hint').first().hover();
  await expect(page.getByRole('tooltip', { name: /first visit of the period/ })).toBeVisible();
});
