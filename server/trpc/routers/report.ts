import { z } from 'zod';
import { getOverviewKpis } from '../../queries/overview-kpis.ts';
import { getSessionAttribute, SESSION_ATTRIBUTES, type SessionAttribute } from '../../queries/session-attribute.ts';
import { getTopPages } from '../../queries/top-pages.ts';
import { getVisitorAttribute, VISITOR_ATTRIBUTES, type VisitorAttribute } from '../../queries/visitor-attribute.ts';
import { getVisitsSeries } from '../../queries/visits-series.ts';
import { defaultSeriesInterval, seriesIntervals, seriesOptions } from '../../contract/report-input.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { compareWindow, shiftedBack } from '../../reports/compare-window.ts';
import { fillBuckets } from '../../reports/fill-buckets.ts';
import { router } from '../init.ts';
import { sharedReportProcedure } from '../report-procedure.ts';

// Aggregates only: a share link may read them too (server/trpc/init.ts, shareableSiteProcedure).
const report = sharedReportProcedure('reports:read');
const DIMENSIONS = ['page', ...Object.keys(SESSION_ATTRIBUTES), ...Object.keys(VISITOR_ATTRIBUTES)] as [
  string,
  ...string[],
];

export const reportRouter = router({
  /** KPI tiles for the range and the period before it, plus the resolved range. */
  overview: report.query(async ({ ctx: { ch, site, range, scope, prevScope } }) => {
    const [current, previous] = await Promise.all([getOverviewKpis(ch, scope), getOverviewKpis(ch, prevScope)]);
    return { range, timeZone: site.timeZone, current, previous };
  }),

  /**
   * The traffic chart: every metric per bucket, and the period it is compared with laid over
   * the same buckets (point i of each covers the same stretch, `shiftDays` apart, `at` where the
   * overlaid one really starts). An interval the range cannot be drawn in (hours over a
   * quarter, from a stale link) falls back to the range's default.
   */
  series: report.input(seriesOptions).query(async ({ ctx: { ch, site, range, scope }, input }) => {
    const tz = site.timeZone;
    const intervals = seriesIntervals(range.days);
    const interval =
      input.interval && intervals.includes(input.interval) ? input.interval : defaultSeriesInterval(range.days);
    const zero = (at: number) => ({ at, visitors: 0, sessions: 0, pageviews: 0, chats: 0, leads: 0, orders: 0 });
    const other = input.compare === 'none' ? null : compareWindow(range, tz, input.compare);
    const [points, before] = await Promise.all([
      getVisitsSeries(ch, scope, interval, tz),
      other &&
        getVisitsSeries(
          ch,
          reportScope(site.id, other.from, other.until, input.filters),
          interval,
          tz,
          other.shiftDays,
        ),
    ]);
    return {
      range,
      timeZone: tz,
      interval,
      intervals,
      compareWith: input.compare,
      points: fillBuckets(range, tz, points, zero, interval),
      compare:
        other &&
        before &&
        fillBuckets(range, tz, before, zero, interval).map((p) => ({
          ...p,
          at: shiftedBack(p.at, tz, interval, other.shiftDays),
        })),
    };
  }),

  breakdown: report.input(z.object({ dimension: z.enum(DIMENSIONS) })).query(async ({ ctx: { ch, scope }, input }) => {
    if (input.dimension === 'page')
      return (await getTopPages(ch, scope)).map((r) => ({ value: r.value, visitors: r.visitors, count: r.pageviews }));
    if (input.dimension in SESSION_ATTRIBUTES) {
      return (await getSessionAttribute(ch, scope, input.dimension as SessionAttribute)).map((r) => ({
        value: r.value,
        visitors: r.visitors,
        count: r.sessions,
      }));
    }
    return (await getVisitorAttribute(ch, scope, input.dimension as VisitorAttribute)).map((r) => ({
      value: r.value,
      visitors: r.visitors,
      count: r.pageviews,
    }));
  }),
});
