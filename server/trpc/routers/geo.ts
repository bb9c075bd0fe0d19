import { z } from 'zod';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { GEO_LEVELS, getGeoBreakdown, type GeoLevel } from '../../queries/geo-breakdown.ts';
import { reportInput } from '../../reports/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';

export const geoRouter = router({
  breakdown: siteProcedure('reports:read')
    .input(
      reportInput.extend({
        level: z.enum(Object.keys(GEO_LEVELS) as [GeoLevel, ...GeoLevel[]]).default('country'),
        country: z.string().regex(/^[A-Z]{2}$/).optional(),
        region: z.string().max(64).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const range = resolveRange(input.range, site.timeZone);
      const rows = await getGeoBreakdown(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), input.level, { country: input.country, region: input.region });
      return { rows, timeZone: site.timeZone };
    }),
});
