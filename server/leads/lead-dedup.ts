import type { ClickHouseClient } from '@clickhouse/client';
import type { LeadRow } from '../../clickhouse/rows.ts';
import { getLead } from '../queries/get-lead.ts';
import { getOpenLeadIdByContact } from '../queries/open-lead-by-contact.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { PlannedLead } from './lead-service.ts';
import { publishLeadUpdated } from './lead-events.ts';
import { sitePhoneKey, withPhoneKeys } from '../sites/phone-keys.ts';

// The notes column is edited in the drawer (≤ 4,000 characters, lead-schema.ts): keep the newest.
const MAX_NOTES = 4000;

/** One line per later capture, fixed by the capture alone so a replayed step finds its own line. */
export function captureNote(input: PlannedLead['input']): string {
  const when = new Date(input.now).toISOString().slice(0, 16).replace('T', ' ');
  const said = [input.name, input.email, input.phone, input.message, input.callbackAt].filter(Boolean).join(' · ');
  return `${when} UTC · ${input.source}: ${said}`;
}

/**
 * A capture whose email or phone already has an open lead joins that lead instead of making
 * another: the lead keeps its id, first touch and created_at, gains the details it lacked and
 * a note of the capture. Returns the lead it joined, or null when the capture is a new lead
 * (also when this is the planned lead itself, stored before a crash and now replayed).
 */
export async function joinOpenLead(client: ClickHouseClient, planned: PlannedLead): Promise<LeadRow | null> {
  const { input } = planned;
  const phoneKey = await sitePhoneKey(client, input.siteId, input.phone);
  const leadId = await getOpenLeadIdByContact(client, input.siteId, input.email, phoneKey);
  if (!leadId || leadId === planned.leadId) return null;
  const current = await getLead(client, input.siteId, leadId);
  if (!current) return null;
  const line = captureNote(input);
  // Stored already (a retried or replayed step): once is enough.
  if (current.notes.includes(line)) return current;
  const notes = current.notes ? `${current.notes}\n${line}` : line;
  const next: LeadRow = {
    ...current,
    name: current.name || input.name,
    email: current.email || input.email.toLowerCase(),
    phone: current.phone || input.phone,
    message: current.message || input.message,
    callback_at: input.callbackAt || current.callback_at,
    notes: notes.length > MAX_NOTES ? notes.slice(notes.length - MAX_NOTES) : notes,
    created_at: Math.min(current.created_at, input.now),
    updated_at: Math.max(input.now, current.updated_at + 1),
  };
  await client.insert({ table: TABLES.leads, values: await withPhoneKeys(client, [next]), format: 'JSONEachRow' });
  publishLeadUpdated(next);
  return next;
}
