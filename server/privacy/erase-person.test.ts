import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { realtimeBus } from '../bus/bus.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { getAgentPerformance } from '../queries/agent-performance.ts';
import { getConversionFunnel } from '../queries/conversion-funnel.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { listVisitors } from '../queries/list-visitors.ts';
import { getOverviewKpis } from '../queries/overview-kpis.ts';
import { getStaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { saveSite } from '../sites/site-service.ts';
import { FIXTURE_SITES, loadFixture, type Fixture } from '../testing/fixture.ts';
import { appRouter } from '../trpc/root.ts';
import { testStore } from '../testing/test-store.ts';

// Erasing fixture visitor fv-0000 (two visits, identified, a chat with agent-li, a lead, an
// order) and a second device joined to them by email. The expected reports are computed
// independently: the same fixture rows without the person, loaded as a second site.
const ch = testStore();
const NOW = Date.UTC(2026, 9, 15, 12); // 20:00 in Shanghai: visitor 0's day has begun
const SITE = FIXTURE_SITES.a.id;
const COPY = 'fixture-copy';
const PERSON = ['fv-0000', 'fv-0000-phone'];
const WINDOW = 7 * 86_400_000;
let fixture: Fixture;

const user = (role: SessionUser['role']): SessionUser => ({
  id: `user-${role}`,
  email: `${role}@example.com`,
  name: role,
  role,
  siteIds: [SITE],
});
const caller = (role: SessionUser['role']) =>
  appRouter.createCaller({ ch, user: user(role), token: 't', ip: '10.0.0.1', resHeaders: new Headers() });

async function reports(siteId: string) {
  const range = resolveRange({ preset: '30d' }, FIXTURE_SITES.a.timeZone, NOW);
  const scope = reportScope(siteId, range.from, range.to, {});
  const bySource = reportScope(siteId, range.from, range.to, { source: 'google.com' });
  return {
    overview: await getOverviewKpis(ch, scope),
    funnel: await getConversionFunnel(ch, scope, WINDOW),
    funnelBySource: await getConversionFunnel(ch, bySource, WINDOW),
    agents: await getAgentPerformance(ch, scope, WINDOW),
    visitors: (await listVisitors(ch, scope, { search: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 100 }))
      .total,
    staffing: await getStaffingHeatmap(ch, siteId, range, FIXTURE_SITES.a.timeZone),
  };
}

const count = async (query: string, params: Record<string, unknown> = {}) =>
  Number(
    (
      await (
        await ch.query({ query, query_params: { site: SITE, ids: PERSON, ...params }, format: 'JSONEachRow' })
      ).json<{ n: string }>()
    )[0]?.n,
  );

beforeAll(async () => {
  await migrate(ch);
  fixture = await loadFixture(ch, NOW);
  // The person's phone: another visitor id, joined by the same email.
  const visit = fixture.events.find((e) => e.visitor_id === 'fv-0000' && e.type === 'pageview')!;
  const phoneVisit = blankEvent({
    ...visit,
    visitor_id: 'fv-0000-phone',
    session_id: 'fs-phone',
    ts: visit.ts + 3_600_000,
    event_id: '00000000-0000-4000-8000-900000000001',
    device: 'mobile',
  });
  await clickHouseInsert(ch)(TABLES.events, [phoneVisit]);
  await ch.insert({
    table: TABLES.identities,
    values: [
      {
        site_id: SITE,
        visitor_id: 'fv-0000-phone',
        person_id: 'fv-0000-phone',
        name: '',
        email: 'visitor0@example.com',
        phone: '+86 138 0000 0000',
        phone_key: '+8613800000000',
        updated_at: visit.ts + 3_600_000,
      },
    ],
    format: 'JSONEachRow',
  });
  // A lead they left in another spelling from a browser never joined to them (stored before captures identified).
  await ch.insert({
    table: TABLES.leads,
    values: [
      {
        ...fixture.leads.find((l) => l.visitor_id === 'fv-0000')!,
        lead_id: 'lead-old-form',
        visitor_id: 'fv-old-form',
        person_id: 'fv-old-form',
        email: '',
        phone: '0086 138 0000 0000',
        phone_key: '+8613800000000',
      },
    ],
    format: 'JSONEachRow',
  });
  const order = fixture.events.find((e) => e.visitor_id === 'fv-0000' && e.type === 'order')!;
  await ch.insert({
    table: TABLES.orders,
    values: [
      {
        site_id: SITE,
        order_id: order.order_id,
        visitor_id: 'fv-0000',
        person_id: 'fv-0000',
        email: '',
        phone: '',
        value: order.revenue,
        currency: order.currency,
        status: 'paid',
        origin: 'snippet',
        created_at: order.ts,
        updated_at: order.ts,
      },
    ],
    format: 'JSONEachRow',
  });
  const chat = fixture.events.find((e) => e.visitor_id === 'fv-0000' && e.type === 'chat_started')!;
  await ch.insert({
    table: TABLES.chatMessages,
    values: [
      {
        site_id: SITE,
        chat_id: chat.chat_id,
        message_id: 'm1',
        seq: 1,
        ts: chat.ts,
        sender: 'visitor',
        agent_id: '',
        visitor_id: 'fv-0000',
        body: 'Is the tea set in stock?',
      },
      {
        site_id: SITE,
        chat_id: chat.chat_id,
        message_id: 'm2',
        seq: 2,
        ts: chat.ts + 5000,
        sender: 'agent',
        agent_id: 'agent-li',
        visitor_id: 'fv-0000',
        body: 'Yes!',
      },
    ],
    format: 'JSONEachRow',
  });
  // The independent answer: the same rows, without the person, on a site of their own.
  await saveSite(ch, {
    id: COPY,
    name: 'Copy',
    domains: ['shop.example'],
    timeZone: FIXTURE_SITES.a.timeZone,
    respectDnt: false,
  });
  const others = (rows: { site_id: string; visitor_id: string }[]) =>
    rows.filter((r) => r.site_id === SITE && !PERSON.includes(r.visitor_id)).map((r) => ({ ...r, site_id: COPY }));
  await clickHouseInsert(ch)(TABLES.events, others(fixture.events));
  await ch.insert({ table: TABLES.identities, values: others(fixture.identities), format: 'JSONEachRow' });
  await ch.insert({ table: TABLES.leads, values: others(fixture.leads), format: 'JSONEachRow' });
});
afterAll(() => ch.close());

describe('erasing a person', () => {
  it('refuses every role but admin', async () => {
    for (const role of ['manager', 'marketer', 'agent'] as const) {
      await expect(caller(role).visitor.erase({ siteId: SITE, visitorId: 'fv-0000' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(
      await count(`SELECT count() AS n FROM ${TABLES.events} WHERE visitor_id IN {ids:Array(String)}`),
    ).toBeGreaterThan(0);
  });

  it('removes their rows from every table and rollup, and the reports equal the data without them', async () => {
    const before = await reports(SITE);
    const mine = fixture.events.filter((e) => e.visitor_id === 'fv-0000');
    // The person's share, from the fixture rows: a chat, a lead, an order of 100 CNY.
    expect([
      mine.filter((e) => e.type === 'chat_started').length,
      mine.filter((e) => e.type === 'lead_created').length,
      mine.filter((e) => e.type === 'order').map((e) => e.revenue),
    ]).toEqual([1, 1, [100]]);

    // What they wrote, as hot words (server/chat/visitor-terms.ts).
    await ch.insert({
      table: TABLES.visitorTerms,
      values: [
        {
          site_id: SITE,
          ts: NOW,
          message_id: 'erase-terms',
          visitor_id: 'fv-0000',
          chat_id: 'fc-0000',
          kind: 'chat',
          country: '',
          source: '',
          campaign: '',
          terms: ['refund'],
        },
      ],
      format: 'JSONEachRow',
    });
    // A page only they viewed, whose path names them.
    const view = mine.find((e) => e.type === 'pageview')!;
    await clickHouseInsert(ch)(TABLES.events, [
      {
        ...view,
        event_id: '00000000-0000-4000-8000-0000000e0a5e',
        path: '/account/fv-0000',
        url: 'https://shop.example/account/fv-0000',
      },
    ]);
    expect(await count(`SELECT count() AS n FROM ${TABLES.sitePaths} WHERE path = '/account/fv-0000'`)).toBe(1);
    // The server's memory (presence, known orders) hears of it on the bus: tRPC runs inside Next.
    const heard: unknown[] = [];
    const stop = realtimeBus().subscribe('erased', (m) => heard.push(m));
    expect(await caller('admin').visitor.erase({ siteId: SITE, visitorId: 'fv-0000-phone' })).toEqual({
      visitorIds: ['fv-0000-phone', 'fv-0000'],
    });
    stop();
    expect(heard).toEqual([{ siteId: SITE, visitorIds: ['fv-0000-phone', 'fv-0000'] }]);

    const after = await reports(SITE);
    expect(after).toEqual(await reports(COPY));
    expect([
      before.overview.chats - after.overview.chats,
      before.overview.leads - after.overview.leads,
      before.overview.orders - after.overview.orders,
    ]).toEqual([1, 1, 1]);
    const cny = (k: typeof before) => k.overview.revenue.find((m) => m.currency === 'CNY')?.value ?? 0;
    expect(cny(before) - cny(after)).toBe(100);
    expect(before.visitors - after.visitors).toBe(2);
    expect(before.funnel.chatted.visitors - after.funnel.chatted.visitors).toBe(1);

    for (const table of [
      TABLES.events,
      TABLES.identities,
      TABLES.leads,
      TABLES.orders,
      TABLES.chatMessages,
      TABLES.visitorTerms,
    ]) {
      expect({
        table,
        n: await count(
          `SELECT count() AS n FROM ${table} WHERE site_id = {site:String} AND visitor_id IN {ids:Array(String)}`,
        ),
      }).toEqual({ table, n: 0 });
    }
    expect(await count(`SELECT count() AS n FROM ${TABLES.chatMessages} WHERE chat_id = 'fc-0000'`)).toBe(0);
    expect(await count(`SELECT count() AS n FROM ${TABLES.leads} WHERE lead_id = 'lead-old-form'`)).toBe(0);
    expect(
      await count(
        `SELECT count() AS n FROM ${TABLES.conversionQuarters} WHERE site_id = {site:String} AND visitor_key IN (SELECT cityHash64(arrayJoin({ids:Array(String)})))`,
      ),
    ).toBe(0);
    // The session rollup (the overview's tiles, the Events, Goals and Geography visitor counts):
    // exactly the rows and figures of the events left (orders aside).
    expect(
      await count(`SELECT count() AS n FROM (
        SELECT quarter, session_key, visitor_key, country, device, sum(pageviews) AS pv, min(first_ts) AS f, max(last_ts) AS l
        FROM ${TABLES.sessionQuarters} WHERE site_id = {site:String} GROUP BY quarter, session_key, visitor_key, country, device
      ) AS q FULL JOIN (
        SELECT toStartOfFifteenMinutes(ts) AS quarter, session_key, visitor_key, country, device,
               countIf(type = 'pageview') AS pv, min(ts) AS f, max(ts) AS l, 1 AS stored
        FROM ${TABLES.events} WHERE site_id = {site:String} AND type != 'order' GROUP BY quarter, session_key, visitor_key, country, device
      ) AS e USING (quarter, session_key, visitor_key, country, device)
      WHERE stored = 0 OR q.visitor_key = 0 OR q.pv != e.pv OR q.f != e.f OR q.l != e.l`),
    ).toBe(0);
    // The site's paths: exactly those of the page views left.
    expect(
      await count(`SELECT count() AS n FROM (
        SELECT DISTINCT path, 1 AS kept FROM ${TABLES.sitePaths} WHERE site_id = {site:String}
      ) AS q FULL JOIN (
        SELECT DISTINCT path, 1 AS stored FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'pageview'
      ) AS e USING (path) WHERE kept = 0 OR stored = 0`),
    ).toBe(0);
    // The retention rollup holds exactly the (visitor, quarter) pairs of the page views left.
    expect(
      await count(
        `SELECT count() AS n FROM ${TABLES.visitorViewQuarters} WHERE site_id = {site:String} AND visitor_key IN (SELECT cityHash64(arrayJoin({ids:Array(String)})))`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count() AS n FROM (
        SELECT visitor_key, quarter, min(first_ts) AS kept FROM ${TABLES.visitorViewQuarters} WHERE site_id = {site:String} GROUP BY visitor_key, quarter
      ) AS q FULL JOIN (
        SELECT cityHash64(visitor_id) AS visitor_key, toStartOfFifteenMinutes(ts) AS quarter, min(ts) AS stored
        FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'pageview' GROUP BY visitor_key, quarter
      ) AS e USING (visitor_key, quarter) WHERE kept != stored`),
    ).toBe(0);
    // Every quarter's visitor set holds exactly the visitors the events still have.
    expect(
      await count(`SELECT count() AS n FROM (
        SELECT quarter, uniqExactMerge(visitor_set) AS kept FROM ${TABLES.visitorQuarters} WHERE site_id = {site:String} GROUP BY quarter
      ) AS q FULL JOIN (
        SELECT toStartOfFifteenMinutes(ts) AS quarter, uniqExact(cityHash64(visitor_id)) AS stored FROM ${TABLES.events} WHERE site_id = {site:String} GROUP BY quarter
      ) AS e USING (quarter) WHERE kept != stored`),
    ).toBe(0);
    // Every quarter's agents are exactly those the events left still show active.
    expect(
      await count(`SELECT count() AS n FROM (
        SELECT DISTINCT quarter, agent_id, 1 AS kept FROM ${TABLES.agentQuarters} WHERE site_id = {site:String}
      ) AS q FULL JOIN (
        SELECT DISTINCT toStartOfFifteenMinutes(ts) AS quarter, agent_id, 1 AS stored FROM ${TABLES.events}
        WHERE site_id = {site:String} AND agent_id != ''
          AND (type IN ('chat_started', 'call_answered') OR (type = 'chat_message' AND props['sender'] = 'agent'))
      ) AS e USING (quarter, agent_id) WHERE kept = 0 OR stored = 0`),
    ).toBe(0);

    const audit = await (
      await ch.query({
        query: `SELECT site_id, actor_id, actor_email, action, visitor_ids FROM ${TABLES.auditLog}`,
        format: 'JSONEachRow',
      })
    ).json();
    expect(audit).toEqual([
      {
        site_id: SITE,
        actor_id: 'user-admin',
        actor_email: 'admin@example.com',
        action: 'erase_person',
        visitor_ids: ['fv-0000-phone', 'fv-0000'],
      },
    ]);
  });
});
