import { z } from 'zod';
import { canAccessSite } from '../../contract/roles.ts';
import { addStarterReplies } from '../../chat/starter-replies.ts';
import { listSites } from '../../queries/list-sites.ts';
import { findSite } from '../../sites/find-site.ts';
import { notifySitesChanged } from '../../sites/site-cache.ts';
import { newId, saveSite } from '../../sites/site-service.ts';
import { authedProcedure, router, siteProcedure } from '../init.ts';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\d{1,3}(\.\d{1,3}){3})$/, 'a host name such as shop.example.com');

export const siteInput = z.object({
  name: z.string().trim().min(1).max(100),
  domains: z.array(domain).min(1).max(20),
  timeZone: z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'an IANA time zone'),
  respectDnt: z.boolean(),
});

export const siteRouter = router({
  /** Sites the signed-in user may open; secrets stay on the server. */
  list: authedProcedure().query(async ({ ctx }) => {
    const sites = await listSites(ctx.ch);
    return sites
      .filter((s) => canAccessSite(ctx.user, s.id))
      .map(({ id, name, domains, timeZone, respectDnt, createdAt }) => ({ id, name, domains, timeZone, respectDnt, createdAt }));
  }),

  /** Admin view of one site, with its server-to-server API secret. */
  byId: siteProcedure('admin:sites').query(({ ctx, input }) => findSite(ctx.ch, input.siteId)),

  create: authedProcedure('admin:sites')
    .input(siteInput)
    .mutation(async ({ ctx, input }) => {
      const site = await saveSite(ctx.ch, input);
      await addStarterReplies(ctx.ch, site);
      await notifySitesChanged();
      return { id: site.id };
    }),

  update: siteProcedure('admin:sites')
    .input(siteInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await findSite(ctx.ch, input.siteId);
      await saveSite(ctx.ch, { ...input, id: existing.id, apiSecret: existing.apiSecret, createdAt: existing.createdAt });
      await notifySitesChanged();
      return { id: existing.id };
    }),

  /** A new API secret for the orders API; the old one stops working at once. */
  rotateSecret: siteProcedure('admin:sites').mutation(async ({ ctx, input }) => {
    const existing = await findSite(ctx.ch, input.siteId);
    await saveSite(ctx.ch, { ...existing, apiSecret: newId(32) });
    await notifySitesChanged();
    return { id: existing.id };
  }),
});
