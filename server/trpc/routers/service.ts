import { realtimeBus } from '../../bus/bus.ts';
import { serviceSettingsInput } from '../../contract/service-settings.ts';
import { serviceSettings } from '../../sites/service-settings.ts';
import { knownSiteProcedure, router } from '../init.ts';

/** A site's business hours and robot (Settings → Sites → the site). */
export const serviceRouter = router({
  get: knownSiteProcedure('admin:sites').query(({ ctx }) => serviceSettings().get(ctx.site.id)),

  update: knownSiteProcedure('admin:sites')
    .input(serviceSettingsInput)
    .mutation(async ({ ctx, input }) => {
      await serviceSettings().save(ctx.ch, ctx.site.id, { hours: input.hours, robot: input.robot, calls: input.calls });
      // The chat runs in the server process: its visitors' widgets go offline or online at once.
      realtimeBus().publish('serviceSettings', { siteId: ctx.site.id });
      return { id: ctx.site.id };
    }),
});
