import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { blankEvent, type EventRow, type LeadRow } from '../../clickhouse/rows.ts';
import { withPhoneKeys } from '../sites/phone-keys.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { getLead } from '../queries/get-lead.ts';
import { getVisitorTouches, type LatestContext, type Touch } from '../queries/visitor-touches.ts';
import { visitorHasLead } from '../queries/visitor-has-lead.ts';
import { joinOpenLead } from './lead-dedup.ts';
import { publishLeadCreated, publishLeadUpdated } from './lead-events.ts';
import { NotFoundError } from '../contract/errors.ts';
import { newId } from '../sites/site-service.ts';
import {
  createLeadInput,
  leadContactInput,
  updateLeadPatch,
  type CreateLeadInput,
  type LeadContactInput,
  type UpdateLeadPatch,
} from '../contract/lead-schema.ts';

/** The lead does not exist on this site. */
export class LeadNotFoundError extends NotFoundError {
  constructor(
    readonly siteId: string,
    readonly leadId: string,
  ) {
    super('No such lead');
  }
}

const NO_TOUCH: Touch = { referrerDomain: '', utmSource: '', utmMedium: '', utmCampaign: '', path: '' };

/** A lead whose id, event id and time are fixed before it is stored, so storing it again (a replay after a crash) makes the same lead. */
export interface PlannedLead {
  leadId: string;
  eventId: string;
  input: CreateLeadOutput;
}
type CreateLeadOutput = ReturnType<typeof createLeadInput.parse> & { now: number };

/** Validates a lead and fixes its identity; nothing is read or written yet. */
export function planLead(raw: CreateLeadInput): PlannedLead {
  const input = createLeadInput.parse(raw);
  return { leadId: `lead_${newId(16)}`, eventId: randomUUID(), input: { ...input, now: input.now ?? Date.now() } };
}

/**
 * The lead row with its attribution copied in (first and last touch from the visitor's
 * stored page views, so later browsing never rewrites it) and its `lead_created` event in
 * the visitor's latest session, which is what reports count. A visitor without stored
 * events (their page views still in the ingest batch) gets a lead without attribution
 * rather than a lost lead.
 */
export async function buildLead(
  client: ClickHouseClient,
  planned: PlannedLead,
): Promise<{ lead: LeadRow; event: EventRow }> {
  const { input, leadId } = planned;
  const touches = await getVisitorTouches(client, input.siteId, input.visitorId);
  const first = touches.first ?? NO_TOUCH;
  const last = touches.last ?? NO_TOUCH;
  const lead: LeadRow = {
    site_id: input.siteId,
    lead_id: leadId,
    visitor_id: input.visitorId,
    person_id: touches.personId || input.visitorId,
    source: input.source,
    status: 'new',
    owner_id: input.ownerId,
    name: input.name,
    email: input.email.toLowerCase(),
    phone: input.phone,
    message: input.message,
    callback_at: input.callbackAt,
    notes: '',
    chat_id: input.chatId,
    first_referrer_domain: first.referrerDomain,
    first_utm_source: first.utmSource,
    first_utm_medium: first.utmMedium,
    first_utm_campaign: first.utmCampaign,
    first_landing_path: first.path,
    last_referrer_domain: last.referrerDomain,
    last_utm_source: last.utmSource,
    last_utm_medium: last.utmMedium,
    last_utm_campaign: last.utmCampaign,
    last_landing_path: last.path,
    country: touches.latest?.country ?? '',
    created_at: input.now,
    updated_at: input.now,
  };
  return { lead, event: leadCreatedEvent(lead, touches.latest, input.ownerId, planned.eventId) };
}

/** Stores the lead row alone; its event goes wherever the caller writes events. */
export async function insertLead(client: ClickHouseClient, lead: LeadRow): Promise<void> {
  await client.insert({ table: TABLES.leads, values: await withPhoneKeys(client, [lead]), format: 'JSONEachRow' });
  publishLeadCreated(lead);
}

/**
 * Records a lead and its event now (an agent's "Save as lead", identify), or, when the
 * email or phone already has an open lead, adds the capture to that lead (no new event:
 * reports count the person's lead once).
 */
export async function createLead(client: ClickHouseClient, raw: CreateLeadInput): Promise<LeadRow> {
  const planned = planLead(raw);
  const joined = await joinOpenLead(client, planned);
  if (joined) return joined;
  const { lead, event } = await buildLead(client, planned);
  // The lead row first: an event without its lead would be counted but never shown.
  await insertLead(client, lead);
  await client.insert({ table: TABLES.events, values: [event], format: 'JSONEachRow' });
  return lead;
}

/** The event reports count, carrying the visit's dimensions so geo and device slices include it. */
function leadCreatedEvent(lead: LeadRow, at: LatestContext | null, agentId: string, eventId: string): EventRow {
  return blankEvent({
    site_id: lead.site_id,
    ts: lead.created_at,
    event_id: eventId,
    type: 'lead_created',
    visitor_id: lead.visitor_id,
    session_id: at?.sessionId ?? '',
    host: at?.host ?? '',
    path: at?.path ?? '',
    url: at?.url ?? '',
    country: at?.country ?? '',
    region: at?.region ?? '',
    city: at?.city ?? '',
    browser: at?.browser ?? '',
    browser_version: at?.browserVersion ?? '',
    os: at?.os ?? '',
    device: at?.device ?? '',
    screen: at?.screen ?? '',
    language: at?.language ?? '',
    props: { source: lead.source },
    agent_id: agentId,
    chat_id: lead.chat_id,
    lead_id: lead.lead_id,
  });
}

/**
 * Writes the next version of a lead. The version is its updated_at, so it must grow even
 * when two edits land in the same millisecond (or the clock is behind the stored row).
 * Read-modify-write: two people editing different fields at the same instant can lose one
 * edit; leads are worked by one owner at a time, so this is accepted.
 */
export async function updateLead(
  client: ClickHouseClient,
  siteId: string,
  leadId: string,
  rawPatch: UpdateLeadPatch,
  now = Date.now(),
): Promise<LeadRow> {
  const patch = updateLeadPatch.parse(rawPatch);
  const current = await getLead(client, siteId, leadId);
  if (!current) throw new LeadNotFoundError(siteId, leadId);
  const next: LeadRow = {
    ...current,
    status: patch.status ?? current.status,
    owner_id: patch.ownerId ?? current.owner_id,
    notes: patch.notes ?? current.notes,
    updated_at: Math.max(now, current.updated_at + 1),
  };
  await client.insert({ table: TABLES.leads, values: await withPhoneKeys(client, [next]), format: 'JSONEachRow' });
  publishLeadUpdated(next);
  return next;
}

/**
 * Called by ingest for each identify: the first identify with an email or a phone makes
 * the visitor a lead (a name alone cannot be followed up). Returns the new lead, or null.
 * Two identifies of one visitor in the same batch can both see "no lead yet"; callers
 * pass one identify per visitor per batch.
 */
export async function ensureLeadForIdentify(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
  fields: LeadContactInput,
  now?: number,
): Promise<LeadRow | null> {
  const contact = leadContactInput.parse(fields);
  if (!contact.email && !contact.phone) return null;
  if (await visitorHasLead(client, siteId, visitorId)) return null;
  return createLead(client, { siteId, visitorId, source: 'identify', ...contact, now });
}
