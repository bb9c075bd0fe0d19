import { z } from 'zod';
import { canAccessSite } from '../../contract/roles.ts';
import { addStarterReplies } from '../../chat/starter-replies.ts';
import { listSites } from '../../queries/list-sites.ts';
import { notifySitesChanged } from '../../sites/site-cache.ts';
import { newId, saveSite } from '../../sites/site-service.ts';
import { authedProcedure, knownSiteProcedure, router } from '../init.ts';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\d{1,3}(\.\d{1,3}){3})$/, 'a host name such as shop.example.com');

export const siteInput = z.object({
  name: z.string().trim().min(1).max(100),
  domains: z.array(domain).min(1).max(20),
  timeZone: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'an IANA time zone'),
  respectDnt: z.boolean(),
});

export const siteRouter = router({
  /** Sites the signed-in user may open; secrets stay on the server. */
  list: authedProcedure().query(async ({ ctx }) => {
    const sites = await listSites(ctx.ch);
    return sites
      .filter((s) => canAccessSite(ctx.user, s.id))
      .map(({ id, name, domains, timeZone, respectDnt, createdAt }) => ({
        id,
        name,
        domains,
        timeZone,
        respectDnt,
        createdAt,
      }));
  }),

  /** Admin view of one site, with its server-to-server API secret. */
  byId: knownSiteProcedure('admin:sites').query(({ ctx }) => ctx.site),

  create: authedProcedure('admin:sites')
    .input(siteInput)
    .mutation(async ({ ctx, input }) => {
      const site = await saveSite(ctx.ch, input);
      await addStarterReplies(ctx.ch, site);
      await notifySitesChanged();
      return { id: site.id };
    }),

  update: knownSiteProcedure('admin:sites')
    .input(siteInput)
    .mutation(async ({ ctx: { ch, site: existing }, input }) => {
      await saveSite(ch, { ...input, id: existing.id, apiSecret: existing.apiSecret, createdAt: existing.createdAt });
      await notifySitesChanged();
      return { id: existing.id };
    }),

  /** A new API secret for the orders API; the old one stops working at once. */
  rotateSecret: knownSiteProcedure('admin:sites').mutation(async ({ ctx: { ch, site: existing } }) => {
    await saveSite(ch, { ...existing, apiSecret: newId(32) });
    await notifySitesChanged();
    return { id: existing.id };
  }),
});
