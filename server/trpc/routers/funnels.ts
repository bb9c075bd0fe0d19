import { z } from 'zod';
import { FUNNEL_BREAKDOWNS, funnelDefinition, funnelId } from '../../contract/funnels.ts';
import { getCustomFunnel } from '../../queries/custom-funnel.ts';
import { listFunnels } from '../../queries/list-funnels.ts';
import { listGoals } from '../../queries/list-goals.ts';
import { removeFunnel, saveFunnel } from '../../goals/goal-service.ts';
import { router, siteProcedure } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

const manage = siteProcedure('reports:read');

export const funnelsRouter = router({
  list: manage.query(({ ctx, input }) => listFunnels(ctx.ch, input.siteId)),

  save: manage
    .input(
      z.object({ funnelId: funnelId.optional(), name: z.string().trim().min(1).max(60), definition: funnelDefinition }),
    )
    .mutation(async ({ ctx, input }) => {
      const { siteId, ...funnel } = input;
      return saveFunnel(ctx.ch, siteId, funnel);
    }),

  remove: manage.input(z.object({ funnelId })).mutation(async ({ ctx, input }) => {
    await removeFunnel(ctx.ch, input.siteId, input.funnelId);
    return { ok: true };
  }),

  /** A funnel (saved or being built) over the range under the filters, optionally broken down. */
  run: reportProcedure('reports:read')
    .input(z.object({ definition: funnelDefinition, breakdown: z.enum(FUNNEL_BREAKDOWNS).default('none') }))
    .query(async ({ ctx, input }) => {
      const goals = new Map((await listGoals(ctx.ch, ctx.site.id)).map((g) => [g.goalId, g]));
      return getCustomFunnel(ctx.ch, ctx.scope, input.definition, { goals }, input.breakdown);
    }),
});
