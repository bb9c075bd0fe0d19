import { z } from 'zod';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { getOverviewKpis } from '../../queries/overview-kpis.ts';
import { getSessionAttribute, SESSION_ATTRIBUTES, type SessionAttribute } from '../../queries/session-attribute.ts';
import { getTopPages } from '../../queries/top-pages.ts';
import { getVisitorAttribute, VISITOR_ATTRIBUTES, type VisitorAttribute } from '../../queries/visitor-attribute.ts';
import { getVisitsSeries } from '../../queries/visits-series.ts';
import { fillBuckets } from '../../reports/fill-buckets.ts';
import { reportInput } from '../../contract/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';

const report = siteProcedure('reports:read').input(reportInput);
const DIMENSIONS = ['page', ...Object.keys(SESSION_ATTRIBUTES), ...Object.keys(VISITOR_ATTRIBUTES)] as [string, ...string[]];

export const reportRouter = router({
  /** KPI tiles for the range and the period before it, plus the resolved range. */
  overview: report.query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const [current, previous] = await Promise.all([
      getOverviewKpis(ctx.ch, reportScope(site.id, range.from, range.to, input.filters)),
      getOverviewKpis(ctx.ch, reportScope(site.id, range.prevFrom, range.prevTo, input.filters)),
    ]);
    return { range, timeZone: site.timeZone, current, previous };
  }),

  series: report.query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const points = await getVisitsSeries(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), range.bucket, site.timeZone);
    return { range, timeZone: site.timeZone, points: fillBuckets(range, site.timeZone, points, (at) => ({ at, visitors: 0, sessions: 0, pageviews: 0 })) };
  }),

  breakdown: report.input(z.object({ dimension: z.enum(DIMENSIONS) })).query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const scope = reportScope(site.id, range.from, range.to, input.filters);
    if (input.dimension === 'page') return (await getTopPages(ctx.ch, scope)).map((r) => ({ value: r.value, visitors: r.visitors, count: r.pageviews }));
    if (input.dimension in SESSION_ATTRIBUTES) {
      return (await getSessionAttribute(ctx.ch, scope, input.dimension as SessionAttribute)).map((r) => ({ value: r.value, visitors: r.visitors, count: r.sessions }));
    }
    return (await getVisitorAttribute(ctx.ch, scope, input.dimension as VisitorAttribute)).map((r) => ({ value: r.value, visitors: r.visitors, count: r.pageviews }));
  }),
});
