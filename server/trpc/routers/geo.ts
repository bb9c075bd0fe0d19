import { z } from 'zod';
import { getGeoBreakdown } from '../../queries/geo-breakdown.ts';
import { reportInput } from '../../contract/report-input.ts';
import { nameGeoRows } from '../../geo/name-geo-rows.ts';
import { countryPlaceNames, regionName } from '../../geo/place-names.ts';
import { authedProcedure, router } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO country code');
// '' is the unresolved region; geoip-lite region codes are 1–3 characters.
const region = z.string().max(16);
/** The interface language the place names are wanted in. */
const locale = z.enum(['en', 'zh']).default('en');

/** The report input plus where in the country → region → city drill-down the table is. */
export const geoBreakdownInput = z.discriminatedUnion('level', [
  reportInput.extend({ level: z.literal('country'), locale }),
  reportInput.extend({ level: z.literal('region'), country, locale }),
  reportInput.extend({ level: z.literal('city'), country, region, locale }),
]);
export type GeoBreakdownInput = z.infer<typeof geoBreakdownInput>;

export const geoRouter = router({
  /** One row per place at the requested level, most visitors first. */
  breakdown: reportProcedure('reports:read')
    .input(geoBreakdownInput)
    .query(async ({ ctx, input }) => {
      const rows = await getGeoBreakdown(ctx.ch, ctx.scope, input);
      return {
        level: input.level,
        rows: nameGeoRows(input, rows, input.locale),
        /** The drilled-into region's name, for the breadcrumb. */
        regionName: input.level === 'city' ? regionName(input.country, input.region, input.locale) : undefined,
      };
    }),
  /** Region and city names of one country, for places shown outside the Geography screen. */
  names: authedProcedure()
    .input(z.object({ country, locale }))
    .query(({ input }) => countryPlaceNames(input.country, input.locale)),
});
