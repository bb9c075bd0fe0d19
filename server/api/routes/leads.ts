import { z } from 'zod';
import { LEAD_STATUSES } from '../../contract/lead-schema.ts';
import { saveAgentLead } from '../../leads/agent-lead.ts';
import { updateLead } from '../../leads/lead-service.ts';
import { getLead } from '../../queries/get-lead.ts';
import { listLeads, toLeadListRow, type LeadListRow } from '../../queries/list-leads.ts';
import { getVisitorsByContacts } from '../../queries/visitors-by-contacts.ts';
import { sitePhoneKey } from '../../sites/phone-keys.ts';
import { newId } from '../../sites/site-service.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute, iso, pageFrom, pageOf, pageQuery, readCursor } from '../route.ts';

const touch = z.object({
  referrer_domain: z.string(),
  utm_source: z.string(),
  utm_medium: z.string(),
  utm_campaign: z.string(),
  landing_path: z.string(),
});

export const apiLead = z
  .object({
    lead_id: z.string(),
    visitor_id: z.string(),
    source: z.string().meta({ description: 'prechat, agent, offline, callback, identify or api' }),
    status: z.enum(LEAD_STATUSES),
    owner_id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    message: z.string(),
    notes: z.string(),
    chat_id: z.string(),
    country: z.string(),
    first_touch: touch,
    last_touch: touch,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Lead' });
type ApiLead = z.input<typeof apiLead>;

const toTouch = (t: LeadListRow['first']) => ({
  referrer_domain: t.referrerDomain,
  utm_source: t.utmSource,
  utm_medium: t.utmMedium,
  utm_campaign: t.utmCampaign,
  landing_path: t.path,
});

const toApiLead = (l: LeadListRow): ApiLead => ({
  lead_id: l.leadId,
  visitor_id: l.visitorId,
  source: l.source,
  status: l.status as ApiLead['status'],
  owner_id: l.ownerId,
  name: l.name,
  email: l.email,
  phone: l.phone,
  message: l.message,
  notes: l.notes,
  chat_id: l.chatId,
  country: l.country,
  first_touch: toTouch(l.first),
  last_touch: toTouch(l.last),
  created_at: iso(l.createdAt),
  updated_at: iso(l.updatedAt),
});

/** The newest version of one lead of the site, or 404. */
async function readLead(ch: Parameters<typeof getLead>[0], siteId: string, leadId: string): Promise<ApiLead> {
  const row = await getLead(ch, siteId, leadId);
  if (!row) throw new ApiError('not_found', 'No such lead');
  return toApiLead(toLeadListRow(row));
}

const leadIdParam = z.object({ leadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const visitorId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const leadRoutes = [
  defineRoute({
    method: 'get',
    path: '/leads',
    tag: 'leads',
    summary: 'List leads',
    description: 'Every lead of the site, oldest first (leads created during a walk come last).',
    scope: 'read',
    query: z.object({ status: z.enum(LEAD_STATUSES).optional(), ...pageQuery }),
    response: pageOf(apiLead),
    handler: async ({ deps, siteId, query }) => {
      const offset = readCursor(query.cursor);
      const { rows } = await listLeads(deps.ch, siteId, {
        search: '',
        status: query.status ?? '',
        sort: 'createdAt',
        order: 'asc',
        offset,
        limit: query.limit + 1,
      });
      return pageFrom(rows.map(toApiLead), offset, query.limit);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/leads/{leadId}',
    tag: 'leads',
    summary: 'Get a lead',
    scope: 'read',
    params: leadIdParam,
    response: apiLead,
    handler: ({ deps, siteId, params }) => readLead(deps.ch, siteId, params.leadId),
  }),

  defineRoute({
    method: 'post',
    path: '/leads',
    tag: 'leads',
    summary: 'Create a lead',
    description:
      'Through the same service as the dashboard: an email or phone that already has an open lead joins it ' +
      '(the answer is that lead). Without `visitor_id` the newest visitor known by the email or phone is used.',
    scope: 'write',
    status: 201,
    body: z
      .strictObject({
        visitor_id: visitorId.optional(),
        name: z.string().trim().max(256).default(''),
        email: z.email().max(256).optional(),
        phone: z
          .string()
          .regex(/^[+0-9 ()-]{3,32}$/, 'digits, spaces, + ( ) -')
          .optional(),
        message: z.string().trim().max(4000).default(''),
      })
      .refine((b) => b.email || b.phone, { message: 'email or phone is required', path: ['email'] }),
    response: apiLead,
    handler: async ({ deps, siteId, body }) => {
      const known = body.visitor_id
        ? undefined
        : (
            await getVisitorsByContacts(
              deps.ch,
              siteId,
              body.email ? [body.email] : [],
              body.phone ? [await sitePhoneKey(deps.ch, siteId, body.phone)] : [],
            )
          )
            .sort((a, b) => b.at - a.at)
            .at(0)?.visitorId;
      const lead = await saveAgentLead(deps.ch, {
        siteId,
        visitorId: body.visitor_id ?? known ?? `api_${newId(20)}`,
        source: 'api',
        name: body.name,
        email: body.email ?? '',
        phone: body.phone ?? '',
        message: body.message,
      });
      return readLead(deps.ch, siteId, lead.lead_id);
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/leads/{leadId}',
    tag: 'leads',
    summary: 'Update a lead’s status, owner or notes',
    scope: 'write',
    params: leadIdParam,
    body: z.strictObject({
      status: z.enum(LEAD_STATUSES).optional(),
      owner_id: z.string().max(64).optional(),
      notes: z.string().max(4000).optional(),
    }),
    response: apiLead,
    handler: async ({ deps, siteId, params, body }) => {
      const lead = await updateLead(deps.ch, siteId, params.leadId, {
        status: body.status,
        ownerId: body.owner_id,
        notes: body.notes,
      });
      return readLead(deps.ch, siteId, lead.lead_id);
    },
  }),
];
