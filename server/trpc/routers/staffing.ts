import { getStaffingHeatmap } from '../../queries/staffing-heatmap.ts';
import { planStaffing } from '../../staffing/plan.ts';
import { planTarget } from '../../contract/plan-input.ts';
import { router } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

// Staffing reads the same range as every report; the page filters are accepted (the
// screens send them) but not applied (ctx.scope is unused): agents serve all of the site's traffic.
const staffing = reportProcedure('reports:read');

export const staffingRouter = router({
  /** Weekday × hour counts in the site's time zone, with how often each weekday occurs. */
  heatmap: staffing.query(async ({ ctx: { ch, site, range } }) => ({
    range,
    timeZone: site.timeZone,
    ...(await getStaffingHeatmap(ch, site.id, range, site.timeZone)),
  })),

  /** Agents needed per weekday × hour (Erlang C adapted for concurrency) beside the agents seen. */
  plan: staffing.input(planTarget).query(async ({ ctx: { ch, site, range }, input }) => ({
    range,
    timeZone: site.timeZone,
    ...planStaffing(await getStaffingHeatmap(ch, site.id, range, site.timeZone), input),
  })),
});
