import { z } from 'zod';
import { JOURNEY_STEPS, journeyPage } from '../../contract/journeys.ts';
import { getJourneyNeighbours } from '../../queries/journey-neighbours.ts';
import { getJourneyPaths } from '../../queries/journey-paths.ts';
import { getTopPages } from '../../queries/top-pages.ts';
import { router } from '../init.ts';
import { sharedReportProcedure } from '../report-procedure.ts';

const report = sharedReportProcedure('reports:read');

/** The Journeys screen: what comes before and after a chosen page, and the most taken runs of pages. */
export const journeysRouter = router({
  /** The pages one may centre on, busiest first (the first is the screen's default). */
  pages: report.query(async ({ ctx: { ch, scope } }) =>
    (await getTopPages(ch, scope, 50)).map((r) => ({ value: r.value, pageviews: r.pageviews })),
  ),
  neighbours: report
    .input(z.object({ page: journeyPage }))
    .query(({ ctx: { ch, scope }, input }) => getJourneyNeighbours(ch, scope, input.page)),
  paths: report
    .input(z.object({ steps: z.union(JOURNEY_STEPS.map((n) => z.literal(n))) }))
    .query(({ ctx: { ch, scope }, input }) => getJourneyPaths(ch, scope, input.steps)),
});
