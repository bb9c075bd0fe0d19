import { z } from 'zod';
import {
  getRetentionCohorts,
  RETENTION_PERIODS,
  RETENTION_SUBJECTS,
  type RetentionPeriod,
  type RetentionSubject,
} from '../../queries/retention-cohorts.ts';
import { router } from '../init.ts';
import { sharedReportProcedure } from '../report-procedure.ts';

const keys = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as [K, ...K[]];

/** The Retention screen: cohorts of first visit (or first order) and their return per later period. */
export const retentionRouter = router({
  cohorts: sharedReportProcedure('reports:read')
    .input(
      z.object({
        period: z.enum(keys<RetentionPeriod>(RETENTION_PERIODS)),
        subject: z.enum(keys<RetentionSubject>(RETENTION_SUBJECTS)),
      }),
    )
    .query(async ({ ctx: { ch, site, range }, input }) => {
      const cells = await getRetentionCohorts(
        ch,
        { siteId: site.id, from: range.from, to: range.to, timeZone: site.timeZone },
        input.period,
        input.subject,
      );
      const cohorts = [...new Set(cells.map((c) => c.cohort))].map((cohort) => {
        const mine = cells.filter((c) => c.cohort === cohort);
        const size = mine.find((c) => c.period === 0)?.visitors ?? 0;
        return {
          cohort,
          size,
          returned: mine.filter((c) => c.period > 0).map((c) => ({ period: c.period, visitors: c.visitors })),
        };
      });
      return { cohorts, periods: Math.max(0, ...cells.map((c) => c.period)), timeZone: site.timeZone };
    }),
});
