import type { ClickHouseClient } from '@clickhouse/client';
import type { LeadRow } from '../../clickhouse/rows.ts';
import { storeIdentities } from '../ingest/identity-merge.ts';
import { realtimeBus } from '../bus/bus.ts';
import { identityFromLead } from './lead-identity.ts';
import type { CreateLeadInput } from '../contract/lead-schema.ts';
import { createLead } from './lead-service.ts';

/**
 * An agent's "Save as lead": the lead, and the visitor identified with what the agent
 * saved, stored before the answer so the console's refresh already shows the name; the
 * server (outside Next) hears of it on the bus and names the visitor on Live.
 */
export async function saveAgentLead(client: ClickHouseClient, raw: CreateLeadInput): Promise<LeadRow> {
  const lead = await createLead(client, raw);
  // The saved details, not the joined lead's: this visitor is who the agent just named.
  const identity = identityFromLead({
    site_id: lead.site_id,
    visitor_id: raw.visitorId,
    name: raw.name ?? '',
    email: raw.email ?? '',
    phone: raw.phone ?? '',
    updated_at: Date.now(),
  });
  if (identity) {
    await storeIdentities(client, [identity]);
    realtimeBus().publish('identified', { siteId: identity.site_id, identities: [identity] });
  }
  return lead;
}
