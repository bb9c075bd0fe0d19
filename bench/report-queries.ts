// Every query behind the overview, visitors, geography, conversion, agents, staffing, hot-words and live screens over a large
// store (npm run generate -- --events 10000000 --data-dir DIR), filters off and with two
// filters on. Goal: p95 ≤ 300 ms each.
import { createClickHouse } from '../clickhouse/client.ts';
import { TABLES } from '../clickhouse/tables.ts';
import { reportScope } from '../server/queries/fragments/report-scope.ts';
import { getAgentPerformance } from '../server/queries/agent-performance.ts';
import { getConversionBreakdown } from '../server/queries/conversion-breakdown.ts';
import { getConversionFunnel } from '../server/queries/conversion-funnel.ts';
import { getGeoBreakdown } from '../server/queries/geo-breakdown.ts';
import { getHotWordBreakdown } from '../server/queries/hot-word-breakdown.ts';
import { getHotWordPages } from '../server/queries/hot-word-pages.ts';
import { getHotWords } from '../server/queries/hot-words.ts';
import { listChats } from '../server/queries/list-chats.ts';
import { listVisitors } from '../server/queries/list-visitors.ts';
import { getOverviewKpis } from '../server/queries/overview-kpis.ts';
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

export interface QueryTiming {
  screen: string;
  query: string;
  filters: string;
  p50: number;
  p95: number;
}

export async function benchReportQueries(
  dataDir: string,
  siteId = 'demo-shop',
  tz = 'Asia/Shanghai',
): Promise<{ events: number; timings: QueryTiming[] }> {
  const ch = createClickHouse({ dataDir });
  try {
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
    const timings: QueryTiming[] = [];
    const filterSets: [string, ReportFilters][] = [
      ['none', {}],
      ['country=CN, device=mobile', { country: 'CN', device: 'mobile' }],
      ['source=baidu, page=/pricing', { source: 'baidu', page: '/pricing' }],
    ];
    for (const [label, filters] of filterSets) {
      const scope = reportScope(siteId, range.from, range.to, filters);
      const cases: [string, string, () => Promise<unknown>][] = [
        ['overview', 'KPIs (30 days)', () => getOverviewKpis(ch, scope)],
        ['overview', 'visits per day', () => getVisitsSeries(ch, scope, 'day', tz)],
        ['overview', 'top pages', () => getTopPages(ch, scope)],
        ['overview', 'entry pages', () => getSessionAttribute(ch, scope, 'entry')],
        ['overview', 'sources', () => getSessionAttribute(ch, scope, 'source')],
        ['overview', 'UTM campaigns', () => getSessionAttribute(ch, scope, 'utm_campaign')],
        ['overview', 'countries', () => getVisitorAttribute(ch, scope, 'country')],
        ['overview', 'browsers', () => getVisitorAttribute(ch, scope, 'browser')],
        [
          'visitors',
          'list page 1',
          () => listVisitors(ch, scope, { search: '', sort: 'lastSeen', order: 'desc', offset: 0, limit: 20 }),
        ],
        [
          'visitors',
          'list search',
          () => listVisitors(ch, scope, { search: 'wang', sort: 'lastSeen', order: 'desc', offset: 0, limit: 20 }),
        ],
        ['geography', 'countries', () => getGeoBreakdown(ch, scope, { level: 'country' })],
        [
          'geography',
          'cities of CN/SH',
          () => getGeoBreakdown(ch, scope, { level: 'city', country: 'CN', region: 'SH' }),
        ],
        ['conversion', 'funnels and outcomes', () => getConversionFunnel(ch, scope, WINDOW_MS)],
        ['conversion', 'by campaign', () => getConversionBreakdown(ch, scope, 'campaign', WINDOW_MS)],
        ['conversion', 'by rule', () => getConversionBreakdown(ch, scope, 'rule', WINDOW_MS)],
        ['agents', 'per agent', () => getAgentPerformance(ch, scope, WINDOW_MS)],
        [
          'chat history',
          'list page 1',
          () => listChats(ch, scope, { sort: 'startedAt', order: 'desc', offset: 0, limit: 20 }),
        ],
      ];
      for (const [screen, query, fn] of cases)
        timings.push({ screen, query, filters: label, ...(await timeQuery(fn)) });
    }
    // Staffing reads all of the site's traffic: the page filters do not apply.
    const quarter = resolveRange({ preset: '90d' }, tz);
    timings.push({
      screen: 'staffing',
      query: 'weekday × hour heatmap (30 days)',
      filters: '—',
      ...(await timeQuery(() => getStaffingHeatmap(ch, siteId, range, tz))),
    });
    timings.push({
      screen: 'staffing',
      query: 'weekday × hour heatmap (90 days)',
      filters: '—',
      ...(await timeQuery(() => getStaffingHeatmap(ch, siteId, quarter, tz))),
    });
    // Hot words: the range's terms against the period before, then one term's drill-down.
    const words = await getHotWords(ch, siteId, range, {}, 200);
    const term = words[0]?.term ?? '退货';
    for (const [query, fn] of [
      ['terms with the period before (30 days)', () => getHotWords(ch, siteId, range, {}, 200)],
      ['terms, country=CN', () => getHotWords(ch, siteId, range, { country: 'CN' }, 200)],
      [`one term by source (${term})`, () => getHotWordBreakdown(ch, siteId, range, {}, term, 'source')],
      [`pages its visitors viewed (${term})`, () => getHotWordPages(ch, siteId, range, {}, term)],
    ] as [string, () => Promise<unknown>][])
      timings.push({ screen: 'hot-words', query, filters: '—', ...(await timeQuery(fn)) });
    const person = () => getPerson(ch, siteId, sampleVisitor);
    timings.push({ screen: 'visitors', query: 'profile: person', filters: '—', ...(await timeQuery(person)) });
    timings.push({
      screen: 'visitors',
      query: 'profile: events',
      filters: '—',
      ...(await timeQuery(() => getVisitorEvents(ch, siteId, [sampleVisitor]))),
    });
    timings.push({
      screen: 'live',
      query: 'visit facts (per new live visitor)',
      filters: '—',
      ...(await timeQuery(() => getVisitFacts(ch, siteId, sampleVisitor, sampleSession))),
    });
    return { events: Number(n), timings };
  } finally {
    await ch.close();
  }
}
