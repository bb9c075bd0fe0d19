// Every query behind the overview, visitors, geography, conversion, agents, staffing, hot-words, bots and live screens over a large
// store (npm run generate -- --events 10000000 --data-dir DIR), filters off and with two
// filters on. Goal: p95 ≤ 300 ms each.
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse } from '../clickhouse/client.ts';
import { TABLES } from '../clickhouse/tables.ts';
import { reportScope } from '../server/queries/fragments/report-scope.ts';
import { getAgentPerformance } from '../server/queries/agent-performance.ts';
import { getBotBreakdown } from '../server/queries/bot-breakdown.ts';
import { getBotPages } from '../server/queries/bot-pages.ts';
import { getBotSeries } from '../server/queries/bot-series.ts';
import { getBotSummary } from '../server/queries/bot-summary.ts';
import { botScope } from '../server/queries/fragments/bot-scope.ts';
import { getConversionBreakdown } from '../server/queries/conversion-breakdown.ts';
import { getConversionFunnel } from '../server/queries/conversion-funnel.ts';
import { getCustomEvents } from '../server/queries/custom-events.ts';
import { getCustomFunnel } from '../server/queries/custom-funnel.ts';
import { getEventProps } from '../server/queries/event-props.ts';
import { getGoalBreakdown } from '../server/queries/goal-breakdown.ts';
import { getGoalReport } from '../server/queries/goal-report.ts';
import { funnelDefinition } from '../server/contract/funnels.ts';
import type { Goal } from '../server/contract/goals.ts';
import { getEntryExitPairs } from '../server/queries/entry-exit-pairs.ts';
import { getExitPages } from '../server/queries/exit-pages.ts';
import { getGeoBreakdown } from '../server/queries/geo-breakdown.ts';
import { getHotWordBreakdown } from '../server/queries/hot-word-breakdown.ts';
import { getHotWordPages } from '../server/queries/hot-word-pages.ts';
import { getHotWords } from '../server/queries/hot-words.ts';
import { getJourneyNeighbours } from '../server/queries/journey-neighbours.ts';
import { getJourneyPaths } from '../server/queries/journey-paths.ts';
import { listChats } from '../server/queries/list-chats.ts';
import { listVisitors } from '../server/queries/list-visitors.ts';
import { getOutboundLinks } from '../server/queries/outbound-links.ts';
import { getOverviewKpis } from '../server/queries/overview-kpis.ts';
import { getRetentionCohorts } from '../server/queries/retention-cohorts.ts';
import { getSessionAttribute } from '../server/queries/session-attribute.ts';
import { getStaffingHeatmap } from '../server/queries/staffing-heatmap.ts';
import { getTopPages } from '../server/queries/top-pages.ts';
import { getVisitFacts } from '../server/queries/visit-facts.ts';
import { getVisitorAttribute } from '../server/queries/visitor-attribute.ts';
import { getVisitorEvents } from '../server/queries/visitor-events.ts';
import { getPerson } from '../server/queries/visitor-people.ts';
import { getVisitsSeries } from '../server/queries/visits-series.ts';
import type { ReportFilters } from '../server/contract/report-input.ts';
import { resolveRange } from '../server/reports/resolve-range.ts';
import { timeQuery } from './query-timer.ts';

const WINDOW_MS = 30 * 86_400_000;

// The demo shop sends add_to_cart (props: product) and newsletter_signup custom events.
const BENCH_GOALS: Goal[] = [
  { goalId: 'gl_cart', name: 'Cart', definition: { kind: 'page', pattern: '/cart' } },
  { goalId: 'gl_products', name: 'Products', definition: { kind: 'page', pattern: '/products/*' } },
  {
    goalId: 'gl_add',
    name: 'Add',
    definition: { kind: 'event', eventName: 'add_to_cart', propKey: '', propValue: '' },
  },
];
const benchFunnel = (windowMode: 'session' | 'days') =>
  funnelDefinition.parse({
    windowMode,
    windowDays: 7,
    steps: [
      { kind: 'page', config: { pattern: '/products/*' } },
      { kind: 'event', config: { eventName: 'add_to_cart' } },
      { kind: 'page', config: { pattern: '/checkout' } },
      { kind: 'order' },
    ],
  });

export interface QueryTiming {
  screen: string;
  query: string;
  filters: string;
  p50: number;
  p95: number;
}

/** One timed case: the screen and query it stands for, the filters on, and the call. */
export interface QueryCase {
  screen: string;
  query: string;
  filters: string;
  run: () => Promise<unknown>;
}

/**
 * Every report query of the screens as a case over `ch`. Kept apart from the timing so
 * bench/queries-ab.ts can run the same cases of two versions of the code side by side.
 */
export async function reportQueryCases(
  ch: ClickHouseClient,
  siteId = 'demo-shop',
  tz = 'Asia/Shanghai',
): Promise<{ events: number; cases: QueryCase[] }> {
  const count = await ch.query({
    query: `SELECT count() AS n, any(visitor_id) AS v, any(session_id) AS sid FROM ${TABLES.events} WHERE site_id = {s:String}`,
    query_params: { s: siteId },
    format: 'JSONEachRow',
  });
  const [{ n, v: sampleVisitor, sid: sampleSession } = { n: '0', v: '', sid: '' }] = await count.json<{
    n: string;
    v: string;
    sid: string;
  }>();
  const range = resolveRange({ preset: '30d' }, tz);
  const cases: QueryCase[] = [];
  const filterSets: [string, ReportFilters][] = [
    ['none', {}],
    ['country=CN, device=mobile', { country: 'CN', device: 'mobile' }],
    ['source=baidu, page=/pricing', { source: 'baidu', page: '/pricing' }],
  ];
  for (const [filters, values] of filterSets) {
    const scope = reportScope(siteId, range.from, range.to, values);
    const add = (screen: string, query: string, run: () => Promise<unknown>) =>
      cases.push({ screen, query, filters, run });
    add('overview', 'KPIs (30 days)', () => getOverviewKpis(ch, scope));
    add('overview', 'visits per day', () => getVisitsSeries(ch, scope, 'day', tz));
    add('overview', 'top pages', () => getTopPages(ch, scope));
    add('overview', 'entry pages', () => getSessionAttribute(ch, scope, 'entry'));
    add('overview', 'sources', () => getSessionAttribute(ch, scope, 'source'));
    add('overview', 'UTM campaigns', () => getSessionAttribute(ch, scope, 'utm_campaign'));
    add('overview', 'countries', () => getVisitorAttribute(ch, scope, 'country'));
    add('overview', 'browsers', () => getVisitorAttribute(ch, scope, 'browser'));
    add('visitors', 'list page 1', () =>
      listVisitors(ch, scope, { search: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 20 }),
    );
    add('visitors', 'list search', () =>
      listVisitors(ch, scope, { search: 'wang', sort: 'lastSeen', order: 'desc', offset: 0, limit: 20 }),
    );
    add('geography', 'countries', () => getGeoBreakdown(ch, scope, { level: 'country' }));
    add('geography', 'cities of CN/SH', () =>
      getGeoBreakdown(ch, scope, { level: 'city', country: 'CN', region: 'SH' }),
    );
    add('conversion', 'funnels and outcomes', () => getConversionFunnel(ch, scope, WINDOW_MS));
    add('conversion', 'by campaign', () => getConversionBreakdown(ch, scope, 'campaign', WINDOW_MS));
    add('conversion', 'by rule', () => getConversionBreakdown(ch, scope, 'rule', WINDOW_MS));
    add('agents', 'per agent', () => getAgentPerformance(ch, scope, WINDOW_MS));
    add('events', 'custom event names', () => getCustomEvents(ch, scope));
    add('events', 'props of add_to_cart', () => getEventProps(ch, scope, 'add_to_cart'));
    add('goals', '3 goals with revenue after', () => getGoalReport(ch, scope, BENCH_GOALS));
    add('goals', '3 goals by source', () => getGoalBreakdown(ch, scope, BENCH_GOALS, 'source'));
    add('funnels', '4 steps, one session', () =>
      getCustomFunnel(ch, scope, benchFunnel('session'), { goals: new Map() }),
    );
    add('funnels', '4 steps, 7 days', () => getCustomFunnel(ch, scope, benchFunnel('days'), { goals: new Map() }));
    add('funnels', '4 steps, 7 days, by source', () =>
      getCustomFunnel(ch, scope, benchFunnel('days'), { goals: new Map() }, 'source'),
    );
    add('chat history', 'list page 1', () =>
      listChats(ch, scope, { sort: 'startedAt', order: 'desc', offset: 0, limit: 20 }),
    );
    add('pages', 'exit pages', () => getExitPages(ch, scope));
    add('pages', 'entry → exit pairs', () => getEntryExitPairs(ch, scope));
    add('pages', 'outbound by domain', () => getOutboundLinks(ch, scope, 'domain'));
    add('pages', 'outbound by URL', () => getOutboundLinks(ch, scope, 'url'));
    add('journeys', 'neighbours of /pricing', () => getJourneyNeighbours(ch, scope, '/pricing'));
    add('journeys', 'top 3-page runs', () => getJourneyPaths(ch, scope, 3));
    add('journeys', 'top 5-page runs', () => getJourneyPaths(ch, scope, 5));
  }
  // Retention: cohorts of the range against all later activity; page filters do not apply.
  const cohortParams = { siteId, from: quarterFrom(tz), to: range.to, timeZone: tz };
  const ret = (query: string, run: () => Promise<unknown>) =>
    cases.push({ screen: 'retention', query, filters: '—', run });
  ret('weekly cohorts, visitors (90 days)', () => getRetentionCohorts(ch, cohortParams, 'week', 'visitors'));
  ret('monthly cohorts, visitors (90 days)', () => getRetentionCohorts(ch, cohortParams, 'month', 'visitors'));
  ret('weekly cohorts, buyers (90 days)', () => getRetentionCohorts(ch, cohortParams, 'week', 'buyers'));
  // Staffing reads all of the site's traffic: the page filters do not apply.
  const quarter = resolveRange({ preset: '90d' }, tz);
  const whole = (screen: string, query: string, run: () => Promise<unknown>) =>
    cases.push({ screen, query, filters: '—', run });
  whole('staffing', 'weekday × hour heatmap (30 days)', () => getStaffingHeatmap(ch, siteId, range, tz));
  whole('staffing', 'weekday × hour heatmap (90 days)', () => getStaffingHeatmap(ch, siteId, quarter, tz));
  // Hot words: the range's terms against the period before, then one term's drill-down.
  const words = await getHotWords(ch, siteId, range, {}, 200);
  const term = words[0]?.term ?? '退货';
  const hot = (query: string, run: () => Promise<unknown>) =>
    cases.push({ screen: 'hot-words', query, filters: '—', run });
  hot('terms with the period before (30 days)', () => getHotWords(ch, siteId, range, {}, 200));
  hot('terms, country=CN', () => getHotWords(ch, siteId, range, { country: 'CN' }, 200));
  hot(`one term by source (${term})`, () => getHotWordBreakdown(ch, siteId, range, {}, term, 'source'));
  hot(`pages its visitors viewed (${term})`, () => getHotWordPages(ch, siteId, range, {}, term));
  // Bots: bot_events of the range, names and categories derived from the stored user agent.
  const bots = botScope(siteId, range.from, range.to, {});
  whole('bots', 'hits, bots, human page views', () => getBotSummary(ch, bots));
  whole('bots', 'hits per day', () => getBotSeries(ch, bots, 'day', tz));
  whole('bots', 'hits per day of Googlebot', () => getBotSeries(ch, bots, 'day', tz, 'Googlebot'));
  whole('bots', 'by name', () => getBotBreakdown(ch, bots, 'name'));
  whole('bots', 'by category', () => getBotBreakdown(ch, bots, 'category'));
  whole('bots', 'pages', () => getBotPages(ch, bots));
  whole('bots', 'pages of Googlebot', () => getBotPages(ch, bots, 'Googlebot'));
  whole('visitors', 'profile: person', () => getPerson(ch, siteId, sampleVisitor));
  whole('visitors', 'profile: events', () => getVisitorEvents(ch, siteId, [sampleVisitor]));
  whole('live', 'visit facts (per new live visitor)', () => getVisitFacts(ch, siteId, sampleVisitor, sampleSession));
  return { events: Number(n), cases };
}

const quarterFrom = (tz: string) => resolveRange({ preset: '90d' }, tz).from;

export async function benchReportQueries(
  dataDir: string,
  siteId = 'demo-shop',
  tz = 'Asia/Shanghai',
  screens: readonly string[] = [],
): Promise<{ events: number; timings: QueryTiming[] }> {
  const ch = createClickHouse({ dataDir });
  try {
    const { events, cases } = await reportQueryCases(ch, siteId, tz);
    const timings: QueryTiming[] = [];
    for (const { run, ...name } of cases)
      if (screens.length === 0 || screens.includes(name.screen)) timings.push({ ...name, ...(await timeQuery(run)) });
    return { events, timings };
  } finally {
    await ch.close();
  }
}
