import { z } from 'zod';
import { GOAL_DIMENSIONS, goalDefinition, goalId } from '../../contract/goals.ts';
import { getCustomEvents } from '../../queries/custom-events.ts';
import { getEventProps } from '../../queries/event-props.ts';
import { getGoalBreakdown } from '../../queries/goal-breakdown.ts';
import { getGoalReport } from '../../queries/goal-report.ts';
import { listGoals } from '../../queries/list-goals.ts';
import { removeGoal, saveGoal } from '../../goals/goal-service.ts';
import { router, siteProcedure } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

// Goals are report settings: whoever reads the reports (marketers included) defines them.
const manage = siteProcedure('reports:read');
const report = reportProcedure('reports:read');

export const goalsRouter = router({
  /** Every custom event name of the range with events, visitors and the visitors' base. */
  events: report.query(({ ctx }) => getCustomEvents(ctx.ch, ctx.scope)),

  /** One event's props: key → value with counts. */
  eventProps: report
    .input(z.object({ eventName: z.string().trim().min(1).max(128) }))
    .query(({ ctx, input }) => getEventProps(ctx.ch, ctx.scope, input.eventName)),

  list: manage.query(({ ctx, input }) => listGoals(ctx.ch, input.siteId)),

  save: manage
    .input(z.object({ goalId: goalId.optional(), name: z.string().trim().min(1).max(60), definition: goalDefinition }))
    .mutation(async ({ ctx, input }) => {
      const { siteId, ...goal } = input;
      return saveGoal(ctx.ch, siteId, goal);
    }),

  remove: manage.input(z.object({ goalId })).mutation(async ({ ctx, input }) => {
    await removeGoal(ctx.ch, input.siteId, input.goalId);
    return { ok: true };
  }),

  /** Per goal: completions, visitors, the base for the rate, orders and revenue that followed. */
  report: report.query(async ({ ctx }) => getGoalReport(ctx.ch, ctx.scope, await listGoals(ctx.ch, ctx.site.id))),

  /** A source / campaign / country / device table with a column per goal. */
  breakdown: report.input(z.object({ dimension: z.enum(GOAL_DIMENSIONS) })).query(async ({ ctx, input }) => {
    const goals = await listGoals(ctx.ch, ctx.site.id);
    return {
      goalIds: goals.map((g) => g.goalId),
      rows: await getGoalBreakdown(ctx.ch, ctx.scope, goals, input.dimension),
    };
  }),
});
