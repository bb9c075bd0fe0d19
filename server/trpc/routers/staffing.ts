import { getStaffingHeatmap } from '../../queries/staffing-heatmap.ts';
import { reportInput } from '../../contract/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { planStaffing } from '../../staffing/plan.ts';
import { planTarget } from '../../contract/plan-input.ts';
import { router, siteProcedure } from '../init.ts';

// Staffing reads the same range as every report; the page filters are accepted (the
// screens send them) but not applied: agents serve all of the site's traffic.
const staffing = siteProcedure('reports:read').input(reportInput);

export const staffingRouter = router({
  /** Weekday × hour counts in the site's time zone, with how often each weekday occurs. */
  heatmap: staffing.query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    return { range, timeZone: site.timeZone, ...(await getStaffingHeatmap(ctx.ch, site.id, range, site.timeZone)) };
  }),

  /** Agents needed per weekday × hour (Erlang C adapted for concurrency) beside the agents seen. */
  plan: staffing.input(planTarget).query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    return { range, timeZone: site.timeZone, ...planStaffing(await getStaffingHeatmap(ctx.ch, site.id, range, site.timeZone), input) };
  }),
});
