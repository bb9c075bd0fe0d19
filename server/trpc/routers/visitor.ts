import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { listVisitors, VISITOR_SORTS, type VisitorSort } from '../../queries/list-visitors.ts';
import { getVisitorEvents } from '../../queries/visitor-events.ts';
import { getPerson } from '../../queries/visitor-people.ts';
import { reportInput } from '../../reports/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { toSessions } from '../../reports/visitor-sessions.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';

const listInput = reportInput.extend({
  search: z.string().trim().max(100).default(''),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(10_000).default(20),
  sort: z.enum(Object.keys(VISITOR_SORTS) as [VisitorSort, ...VisitorSort[]]).default('lastSeen'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const visitorRouter = router({
  list: siteProcedure('visitors:read')
    .input(listInput)
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const range = resolveRange(input.range, site.timeZone);
      const result = await listVisitors(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), {
        search: input.search,
        sort: input.sort,
        order: input.order,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return { ...result, timeZone: site.timeZone };
    }),

  /** A visitor and everyone they were joined with by identity, with every session's trail. */
  byId: siteProcedure('visitors:read')
    .input(z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const person = await getPerson(ctx.ch, site.id, input.visitorId);
      const events = await getVisitorEvents(ctx.ch, site.id, person.visitorIds);
      if (events.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such visitor' });
      const sessions = toSessions(events);
      const count = (type: string) => events.filter((e) => e.type === type).length;
      return {
        timeZone: site.timeZone,
        person,
        firstSeen: events[0]?.ts ?? 0,
        lastSeen: events[events.length - 1]?.ts ?? 0,
        totals: {
          sessions: sessions.length,
          pageviews: count('pageview'),
          engagedMs: events.reduce((sum, e) => sum + (e.type === 'engagement' ? e.engagedMs : 0), 0),
          chats: count('chat_started'),
          leads: count('lead_created'),
          orders: count('order'),
          revenue: events.reduce((sum, e) => sum + (e.type === 'order' ? e.revenue : 0), 0),
        },
        sessions,
      };
    }),
});
