import { z } from 'zod';
import { reportInput } from '../../contract/report-input.ts';
import { getBotBreakdown } from '../../queries/bot-breakdown.ts';
import { getBotPages } from '../../queries/bot-pages.ts';
import { getBotSeries } from '../../queries/bot-series.ts';
import { getBotSummary } from '../../queries/bot-summary.ts';
import { botScope } from '../../queries/fragments/bot-scope.ts';
import { fillBuckets } from '../../reports/fill-buckets.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { knownSiteProcedure, router } from '../init.ts';

// Signed-in only: a share link shows the site's own audience, not what was filtered out.
const report = knownSiteProcedure('reports:read')
  .input(reportInput)
  .use(({ ctx, input, next }) => {
    const range = resolveRange(input.range, ctx.site.timeZone);
    return next({ ctx: { ...ctx, range, scope: botScope(ctx.site.id, range.from, range.to, input.filters) } });
  });
const oneBot = z.object({ bot: z.string().trim().min(1).max(128).optional() });

/** The Bots screen: the traffic ingest recognised as bots and kept out of every other report. */
export const botsRouter = router({
  summary: report.query(({ ctx: { ch, scope } }) => getBotSummary(ch, scope)),
  series: report.input(oneBot).query(async ({ ctx: { ch, site, range, scope }, input }) => {
    const points = await getBotSeries(ch, scope, range.bucket, site.timeZone, input.bot);
    return {
      bucket: range.bucket,
      timeZone: site.timeZone,
      points: fillBuckets(range, site.timeZone, points, (at) => ({ at, hits: 0 })),
    };
  }),
  breakdown: report
    .input(z.object({ by: z.enum(['name', 'category']) }))
    .query(({ ctx: { ch, scope }, input }) => getBotBreakdown(ch, scope, input.by)),
  pages: report.input(oneBot).query(({ ctx: { ch, scope }, input }) => getBotPages(ch, scope, input.bot)),
});
