import type { IdentityRow, LeadRow } from '../../clickhouse/rows.ts';

/**
 * Every contact a visitor leaves (pre-chat form, offline message, callback request, an
 * agent's "Save as lead") identifies them as `identify` does: the row goes through the
 * same merge, so the visitor is named on Live and in Visitors, found by email or phone,
 * and joined with other browsers that gave the same email or phone. Null when the lead
 * carries nothing to know them by.
 */
export function identityFromLead(
  lead: Pick<LeadRow, 'site_id' | 'visitor_id' | 'name' | 'email' | 'phone' | 'updated_at'>,
): IdentityRow | null {
  if (!lead.name && !lead.email && !lead.phone) return null;
  return {
    site_id: lead.site_id,
    visitor_id: lead.visitor_id,
    // As ingest's identify: the merge joins the visitor to an earlier person with the same email or phone.
    person_id: lead.visitor_id,
    name: lead.name,
    email: lead.email.toLowerCase(),
    phone: lead.phone,
    updated_at: lead.updated_at,
  };
}
