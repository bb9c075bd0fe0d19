import { z } from 'zod';
import { getOverviewKpis } from '../../queries/overview-kpis.ts';
import { getSessionAttribute, SESSION_ATTRIBUTES, type SessionAttribute } from '../../queries/session-attribute.ts';
import { getTopPages } from '../../queries/top-pages.ts';
import { getVisitorAttribute, VISITOR_ATTRIBUTES, type VisitorAttribute } from '../../queries/visitor-attribute.ts';
import { getVisitsSeries } from '../../queries/visits-series.ts';
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

  series: report.query(async ({ ctx: { ch, site, range, scope } }) => {
    const points = await getVisitsSeries(ch, scope, range.bucket, site.timeZone);
    return {
      range,
      timeZone: site.timeZone,
      points: fillBuckets(range, site.timeZone, points, (at) => ({ at, visitors: 0, sessions: 0, pageviews: 0 })),
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
