import { z } from 'zod';
import { can } from '../../contract/roles.ts';
import { VISITOR_SORT_KEYS } from '../../contract/lists.ts';
import { listVisitors } from '../../queries/list-visitors.ts';
import { erasePerson } from '../../privacy/erase-person.ts';
import { loadVisitorHistory } from '../../reports/visitor-history.ts';
import { loadVisitorProfile } from '../../reports/visitor-profile.ts';
import { withTagIds } from '../../tags/attach-tags.ts';
import { knownSiteProcedure, router } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';
import { reportProcedure } from '../report-procedure.ts';

/** What the visitor list adds to the report input. */
const visitorListFields = z.object({
  search: z.string().trim().max(100).default(''),
  sort: z.enum(VISITOR_SORT_KEYS).default('lastSeen'),
  ...listPageFields,
});

const visitorIdInput = z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const visitorRouter = router({
  list: reportProcedure('visitors:read')
    .input(visitorListFields)
    .query(async ({ ctx, input }) => {
      const result = await listVisitors(ctx.ch, ctx.scope, {
        search: input.search,
        sort: input.sort,
        order: input.order,
        ...pageWindow(input),
      });
      const rows = await withTagIds(ctx.ch, ctx.site.id, result.rows, { visitor: (r) => r.visitorId });
      return { ...result, rows, timeZone: ctx.site.timeZone };
    }),

  /** A visitor and everyone joined to them by identity, with every session's trail (all time). */
  byId: knownSiteProcedure('visitors:read')
    .input(visitorIdInput)
    .query(async ({ ctx: { ch, site }, input }) => ({
      timeZone: site.timeZone,
      ...(await loadVisitorProfile(ch, site.id, input.visitorId)),
    })),

  /** The person's past chats, leads and orders (newest few of each), for the Live drawer. */
  history: knownSiteProcedure('visitors:read')
    .input(visitorIdInput)
    .query(async ({ ctx: { ch, site, user }, input }) => ({
      timeZone: site.timeZone,
      ...(await loadVisitorHistory(ch, site.id, input.visitorId, can(user, 'chat:serve'))),
    })),

  /** Erases the person behind a visitor id (all their linked ids) from every table; admins only, audited. */
  erase: knownSiteProcedure('privacy:erase')
    .input(visitorIdInput)
    .mutation(({ ctx: { ch, site, user }, input }) =>
      erasePerson(ch, site.id, input.visitorId, { id: user.id, email: user.email }),
    ),
});
