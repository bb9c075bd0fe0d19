import { z } from 'zod';

// What a lead is allowed to say, shared by the service (which validates every write,
// including the ones ingest makes) and the router (which validates what the UI sends).

/** The sales pipeline, in the order the list sorts it. */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Where a lead came from: the chat's pre-chat form, an agent, the offline form, a callback request, the snippet's identify, the open API. */
export const LEAD_SOURCES = ['prechat', 'agent', 'offline', 'callback', 'identify', 'api'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const contact = z.string().trim().max(256);

export const leadContactInput = z.object({
  name: contact.default(''),
  email: contact.default(''),
  phone: contact.default(''),
});
export type LeadContactInput = z.input<typeof leadContactInput>;

export const createLeadInput = leadContactInput.extend({
  siteId: z.string().min(1).max(64),
  visitorId: id,
  source: z.enum(LEAD_SOURCES),
  message: z.string().trim().max(4000).default(''),
  /** The slot the visitor asked to be called back in, as they gave it (free text, not a timestamp). */
  callbackAt: z.string().trim().max(64).default(''),
  chatId: z.union([id, z.literal('')]).default(''),
  ownerId: z.string().max(64).default(''),
  /** Epoch ms; tests and backfills pin it, everyone else gets the clock. */
  now: z.number().int().positive().optional(),
});
export type CreateLeadInput = z.input<typeof createLeadInput>;

export const leadIdInput = id;

export const updateLeadPatch = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  ownerId: z.string().max(64).optional(),
  notes: z.string().max(4000).optional(),
});
export type UpdateLeadPatch = z.input<typeof updateLeadPatch>;
