import { z } from 'zod';
import { NotFoundError } from '../../contract/errors.ts';
import { getPerson } from '../../queries/visitor-people.ts';
import { getVisitorsByContacts } from '../../queries/visitors-by-contacts.ts';
import { getPeopleByKeys } from '../../queries/people-by-keys.ts';
import { sitePhoneKey } from '../../sites/phone-keys.ts';
import { loadVisitorProfile } from '../../reports/visitor-profile.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute, iso } from '../route.ts';

const money = z.object({ currency: z.string(), value: z.number() });

export const apiPerson = z
  .object({
    visitor_ids: z
      .array(z.string())
      .meta({ description: 'The asked-for id first, then the ids joined to it by identity' }),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
  })
  .meta({ id: 'Person' });

const visitorIdParam = z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
/** How many people a search returns at most: contacts are shared by few visitors. */
const SEARCH_MAX = 20;

export const personRoutes = [
  defineRoute({
    method: 'get',
    path: '/people/{visitorId}',
    tag: 'people',
    summary: 'Get the person behind a visitor id',
    description: 'With every visitor id joined by identity, first and last visit and totals over all time.',
    scope: 'read',
    params: visitorIdParam,
    response: apiPerson.extend({
      first_seen: z.string(),
      last_seen: z.string(),
      totals: z.object({
        sessions: z.number().int(),
        pageviews: z.number().int(),
        chats: z.number().int(),
        leads: z.number().int(),
        orders: z.number().int(),
      }),
      revenue: z.array(money),
    }),
    handler: async ({ deps, siteId, params }) => {
      const p = await loadVisitorProfile(deps.ch, siteId, params.visitorId).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new ApiError('not_found', 'No such visitor');
        throw error;
      });
      const { timeOnSiteMs: _, ...totals } = p.totals;
      return {
        visitor_ids: p.person.visitorIds,
        name: p.person.name,
        email: p.person.email,
        phone: p.person.phone,
        first_seen: iso(p.firstSeen),
        last_seen: iso(p.lastSeen),
        totals,
        revenue: p.revenue,
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/people',
    tag: 'people',
    summary: 'Find people by email, phone or external id',
    description:
      "Visitors who gave this email (any case) or phone (any spelling of the number: compared in E.164, read in the region of the site's time zone) in identify, a form, a lead or an order, or the person a customer import gave this external id (your CRM's id).",
    scope: 'read',
    query: z
      .object({
        email: z.string().trim().max(256).optional(),
        phone: z.string().trim().max(32).optional(),
        external_id: z.string().trim().max(128).optional(),
      })
      .refine((q) => q.email || q.phone || q.external_id, {
        message: 'email, phone or external_id is required',
        path: ['email'],
      }),
    response: z.object({ data: z.array(apiPerson) }),
    handler: async ({ deps, siteId, query }) => {
      const matches = await getVisitorsByContacts(
        deps.ch,
        siteId,
        query.email ? [query.email] : [],
        query.phone ? [await sitePhoneKey(deps.ch, siteId, query.phone)] : [],
      );
      // An imported person's anchor id is a visitor id of theirs: visitors who arrive join it.
      const imported = query.external_id
        ? await getPeopleByKeys(deps.ch, siteId, { emails: [], phones: [], externalIds: [query.external_id] })
        : [];
      const ids = [
        ...new Set([
          ...imported.map((p) => p.personId),
          ...matches.sort((a, b) => b.at - a.at).map((m) => m.visitorId),
        ]),
      ].slice(0, SEARCH_MAX);
      // One person per set of joined ids: two browsers of one person are one result.
      const people = new Map<string, z.input<typeof apiPerson>>();
      for (const id of ids) {
        const person = await getPerson(deps.ch, siteId, id);
        const key = [...person.visitorIds].sort().join(',');
        if (!people.has(key))
          people.set(key, {
            visitor_ids: person.visitorIds,
            name: person.name,
            email: person.email,
            phone: person.phone,
          });
      }
      return { data: [...people.values()] };
    },
  }),
];
