import { z } from 'zod';
import { can } from '../../contract/roles.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { VISITOR_SORT_KEYS } from '../../contract/lists.ts';
import { listVisitors } from '../../queries/list-visitors.ts';
import { reportInput } from '../../contract/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { erasePerson } from '../../privacy/erase-person.ts';
import { loadVisitorHistory } from '../../reports/visitor-history.ts';
import { loadVisitorProfile } from '../../reports/visitor-profile.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';

export const visitorListInput = reportInput.extend({
  search: z.string().trim().max(100).default(''),
  sort: z.enum(VISITOR_SORT_KEYS).default('lastSeen'),
  ...listPageFields,
});

const visitorIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const visitorRouter = router({
  list: siteProcedure('visitors:read')
    .input(visitorListInput)
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const range = resolveRange(input.range, site.timeZone);
      const result = await listVisitors(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), {
        search: input.search,
        sort: input.sort,
        order: input.order,
        ...pageWindow(input),
      });
      return { ...result, timeZone: site.timeZone };
    }),

  /** A visitor and everyone joined to them by identity, with every session's trail (all time). */
  byId: siteProcedure('visitors:read')
    .input(z.object({ visitorId: visitorIdInput }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      return { timeZone: site.timeZone, ...(await loadVisitorProfile(ctx.ch, site.id, input.visitorId)) };
    }),

  /** The person's past chats, leads and orders (newest few of each), for the Live drawer. */
  history: siteProcedure('visitors:read')
    .input(z.object({ visitorId: visitorIdInput }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      return { timeZone: site.timeZone, ...(await loadVisitorHistory(ctx.ch, site.id, input.visitorId, can(ctx.user, 'chat:serve'))) };
    }),

  /** Erases the person behind a visitor id (all their linked ids) from every table; admins only, audited. */
  erase: siteProcedure('privacy:erase')
    .input(z.object({ visitorId: visitorIdInput }))
    .mutation(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      return erasePerson(ctx.ch, site.id, input.visitorId, { id: ctx.user.id, email: ctx.user.email });
    }),
});
