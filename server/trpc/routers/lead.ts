import { z } from 'zod';
import { createLeadInput, LEAD_STATUSES, leadIdInput, updateLeadPatch } from '../../contract/lead-schema.ts';
import { saveAgentLead } from '../../leads/agent-lead.ts';
import { updateLead } from '../../leads/lead-service.ts';
import { LEAD_SORT_KEYS } from '../../contract/lists.ts';
import { listLeads } from '../../queries/list-leads.ts';
import { reportFilters } from '../../contract/report-input.ts';
import { withTagIds } from '../../tags/attach-tags.ts';
import { knownSiteProcedure, router, siteProcedure } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';

export const leadListInput = z.object({
  search: z.string().trim().max(100).default(''),
  status: z.enum(LEAD_STATUSES).or(z.literal('')).default(''),
  sort: z.enum(LEAD_SORT_KEYS).default('createdAt'),
  /** As in the report filters: the lead or its visitor carries any / none of these tags. */
  tag: reportFilters.shape.tag,
  notTag: reportFilters.shape.notTag,
  ...listPageFields,
});

export const leadRouter = router({
  list: knownSiteProcedure('visitors:read')
    .input(leadListInput)
    .query(async ({ ctx: { ch, site }, input }) => {
      const result = await listLeads(ch, site.id, {
        search: input.search,
        status: input.status,
        tags: input.tag?.split(',') ?? [],
        notTags: input.notTag?.split(',') ?? [],
        sort: input.sort,
        order: input.order,
        ...pageWindow(input),
      });
      const rows = await withTagIds(ch, site.id, result.rows, {
        visitor: (r) => r.visitorId,
        own: { kind: 'lead', id: (r) => r.leadId },
      });
      return { ...result, rows, timeZone: site.timeZone };
    }),

  /** An agent records the details a visitor gave in a chat; the agent owns the lead. */
  create: siteProcedure('chat:serve')
    .input(createLeadInput.omit({ siteId: true, source: true, ownerId: true, now: true }))
    .mutation(async ({ ctx, input }) => {
      const lead = await saveAgentLead(ctx.ch, { ...input, source: 'agent', ownerId: ctx.user.id });
      return { leadId: lead.lead_id };
    }),

  update: siteProcedure('leads:write')
    .input(z.object({ leadId: leadIdInput, patch: updateLeadPatch }))
    .mutation(async ({ ctx, input }) => {
      const lead = await updateLead(ctx.ch, input.siteId, input.leadId, input.patch);
      return {
        leadId: lead.lead_id,
        status: lead.status,
        ownerId: lead.owner_id,
        notes: lead.notes,
        updatedAt: lead.updated_at,
      };
    }),
});
