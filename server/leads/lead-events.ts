import type { IdentityRow, LeadRow } from '../../clickhouse/rows.ts';
import { domainEventId, realtimeBus } from '../bus/bus.ts';

// What leads and identities tell a site's webhooks (server/webhooks/ journals each on the bus
// call). Ids come from what makes each fact unique, so a step replayed after a crash repeats
// its id and receivers de-duplicate it.

function leadData(lead: LeadRow): Record<string, unknown> {
  return {
    lead_id: lead.lead_id,
    visitor_id: lead.visitor_id,
    source: lead.source,
    status: lead.status,
    owner_id: lead.owner_id,
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    message: lead.message,
    callback_at: lead.callback_at,
    notes: lead.notes,
    chat_id: lead.chat_id,
    country: lead.country,
    first_touch: {
      referrer_domain: lead.first_referrer_domain,
      utm_source: lead.first_utm_source,
      utm_medium: lead.first_utm_medium,
      utm_campaign: lead.first_utm_campaign,
      landing_path: lead.first_landing_path,
    },
    created_at: new Date(lead.created_at).toISOString(),
    updated_at: new Date(lead.updated_at).toISOString(),
  };
}

export function publishLeadCreated(lead: LeadRow): void {
  realtimeBus().publish('domainEvent', {
    siteId: lead.site_id,
    type: 'lead.created',
    id: domainEventId('lead.created', lead.site_id, lead.lead_id),
    data: leadData(lead),
  });
}

export function publishLeadUpdated(lead: LeadRow): void {
  realtimeBus().publish('domainEvent', {
    siteId: lead.site_id,
    type: 'lead.updated',
    id: domainEventId('lead.updated', lead.site_id, lead.lead_id, lead.updated_at),
    data: leadData(lead),
  });
}

/** A visitor named themselves (identify, a form, an order with a contact): one event per identity row. */
export function publishIdentified(rows: readonly IdentityRow[]): void {
  for (const r of rows) {
    if (!r.name && !r.email && !r.phone) continue;
    realtimeBus().publish('domainEvent', {
      siteId: r.site_id,
      type: 'person.identified',
      id: domainEventId('person.identified', r.site_id, r.visitor_id, r.name, r.email, r.phone),
      data: { visitor_id: r.visitor_id, person_id: r.person_id, name: r.name, email: r.email, phone: r.phone },
    });
  }
}
