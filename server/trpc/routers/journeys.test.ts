import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { saveUser } from '../../auth/user-service.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../../testing/dashboard-harness.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { buildFixture, FIXTURE_SITES, loadFixture } from '../../testing/fixture.ts';

// The Journeys procedures over real HTTP: a marketer's reads answer with the fixture's figures,
// and input the screen would never send is refused with 400 and a reason, before any read.
const NOW = Date.now();
const SITE = FIXTURE_SITES.a.id;
const RANGE = { range: { preset: '7d' }, filters: {} };
let ch: ClickHouseClient;
let d: Dashboard;
let session = '';

beforeAll(async () => {
  ch = await freshStore();
  await loadFixture(ch, NOW);
  await saveUser(ch, {
    email: 'm@example.com',
    name: 'M',
    role: 'marketer',
    siteIds: [SITE],
    password: 'marketer-pass-1',
  });
  d = await startDashboard(ch);
  session = (await trpc(d.base, 'auth.signIn', { email: 'm@example.com', password: 'marketer-pass-1' })).session ?? '';
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

const ask = (path: string, input: object) =>
  trpc(d.base, path, { siteId: SITE, ...RANGE, ...input }, { cookie: session, query: true });

describe('journeys procedures', () => {
  it('list the busiest pages first and answer for one of them', async () => {
    const pages = await ask('journeys.pages', {});
    expect(pages.status).toBe(200);
    const list = pages.json.result!.data as { value: string; pageviews: number }[];
    // The busiest path of the range, counted from the fixture rows.
    const range = resolveRange({ preset: '7d' }, FIXTURE_SITES.a.timeZone, NOW);
    const counts = new Map<string, number>();
    for (const e of buildFixture(NOW).events)
      if (e.site_id === SITE && e.type === 'pageview' && e.ts >= range.from && e.ts < range.to)
        counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
    const [top, views] = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]!;
    expect(list[0]).toEqual({ value: top, pageviews: views });
    expect(list).toHaveLength(counts.size);
    expect(list.map((p) => p.pageviews)).toEqual([...list.map((p) => p.pageviews)].sort((a, b) => b - a));

    const around = await ask('journeys.neighbours', { page: list[0]!.value });
    expect(around.status).toBe(200);
    expect((around.json.result!.data as { sessions: number }).sessions).toBeGreaterThan(0);
  });

  it.each([
    ['journeys.paths', { steps: 6 }],
    ['journeys.paths', { steps: '3' }],
    ['journeys.neighbours', { page: '' }],
    ['journeys.neighbours', { page: '/'.repeat(300) }],
    ['journeys.neighbours', {}],
  ])('%s refuses %j with 400', async (path, input) => {
    const res = await ask(path, input);
    expect(res.status).toBe(400);
    expect(res.json.error?.data?.code).toBe('BAD_REQUEST');
  });
});
