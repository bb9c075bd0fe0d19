import { reportInput } from '../contract/report-input.ts';
import type { Capability } from '../contract/roles.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { knownSiteProcedure, shareableSiteProcedure } from './init.ts';

/**
 * Every report starts the same way: the site (in ctx), the range in its time zone, and the
 * WHERE scope for the range and for the period before it, the page's filters applied.
 * Procedures add their own inputs after this one.
 */
export function reportProcedure(capability: Capability) {
  return knownSiteProcedure(capability)
    .input(reportInput)
    .use(({ ctx, input, next }) => {
      const range = resolveRange(input.range, ctx.site.timeZone);
      const scope = reportScope(ctx.site.id, range.from, range.to, input.filters);
      const prevScope = reportScope(ctx.site.id, range.prevFrom, range.prevTo, input.filters);
      return next({ ctx: { ...ctx, range, scope, prevScope } });
    });
}

/** `reportProcedure` that a share link may also call (see `shareableSiteProcedure`): aggregates only. */
export function sharedReportProcedure(capability: Capability) {
  return shareableSiteProcedure(capability)
    .input(reportInput)
    .use(({ ctx, input, next }) => {
      const range = resolveRange(input.range, ctx.site.timeZone);
      const scope = reportScope(ctx.site.id, range.from, range.to, input.filters);
      const prevScope = reportScope(ctx.site.id, range.prevFrom, range.prevTo, input.filters);
      return next({ ctx: { ...ctx, range, scope, prevScope } });
    });
}
