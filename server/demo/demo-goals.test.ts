import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { getCustomFunnel } from '../queries/custom-funnel.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { getGoalReport } from '../queries/goal-report.ts';
import { listFunnels } from '../queries/list-funnels.ts';
import { listGoals } from '../queries/list-goals.ts';
import { saveDemoGoals } from './demo-goals.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { generateHistory } from './generate.ts';
import { testStore } from '../testing/test-store.ts';

// The demo's goals and funnels must show figures on a first start: each goal is met in the
// generated history, counted here from the generated rows themselves.
const ch = testStore();
const NOW = Date.UTC(2026, 10, 20, 12);
const events: EventRow[] = [];
beforeAll(async () => {
  await migrate(ch);
  const insert = clickHouseInsert(ch);
  await generateHistory({
    siteId: DEMO_SITE_ID,
    events: 20_000,
    now: NOW,
    seed: 7,
    insert: async (table, rows) => {
      if (table === TABLES.events) events.push(...(rows as EventRow[]));
      await insert(table, rows);
    },
  });
  await saveDemoGoals(ch);
}, 120_000);
afterAll(() => ch.close());

it('gives every demo goal completions the history really holds', async () => {
  const goals = await listGoals(ch, DEMO_SITE_ID);
  const report = await getGoalReport(ch, reportScope(DEMO_SITE_ID, NOW - 91 * 86_400_000, NOW + 1, {}), goals);
  const byName = new Map(goals.map((g) => [g.name, report.rows.find((r) => r.goalId === g.goalId)]));
  const met: Record<string, (e: EventRow) => boolean> = {
    'Added to cart': (e) => e.type === 'custom' && e.name === 'add_to_cart',
    'Newsletter signup': (e) => e.type === 'custom' && e.name === 'newsletter_signup',
    'Reached checkout': (e) => e.type === 'pageview' && /^(\/demo)?\/checkout$/i.test(e.path),
    'Viewed pricing': (e) => e.type === 'pageview' && /^(\/demo)?\/pricing$/i.test(e.path),
  };
  expect([...byName.keys()].sort()).toEqual(Object.keys(met).sort());
  for (const [name, test] of Object.entries(met)) {
    const hits = events.filter(test);
    expect(hits.length, name).toBeGreaterThan(0);
    expect(byName.get(name)?.completions, name).toBe(hits.length);
    expect(byName.get(name)?.visitors, name).toBe(new Set(hits.map((e) => e.visitor_id)).size);
  }
});

it('saves two funnels whose every step is reached by someone', async () => {
  const funnels = await listFunnels(ch, DEMO_SITE_ID);
  const goals = await listGoals(ch, DEMO_SITE_ID);
  expect(funnels.map((f) => f.name).sort()).toEqual(['Pricing, chat, order', 'Product to checkout']);
  for (const f of funnels) {
    const ctx = { goals: new Map(goals.map((g) => [g.goalId, g])) };
    const [row] = await getCustomFunnel(
      ch,
      reportScope(DEMO_SITE_ID, NOW - 91 * 86_400_000, NOW + 1, {}),
      f.definition,
      ctx,
    );
    const counts = row?.reached ?? [];
    expect(counts.length, f.name).toBe(f.definition.steps.length);
    expect(counts.at(-1), f.name).toBeGreaterThan(0);
  }
});
