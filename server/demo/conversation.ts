// The conversation side of a visit written directly as rows — the bulk equivalent of
// what the chat pipeline records for live traffic. Each row copies the visit's
// dimensions (visitor, session, geo, device) from the visit's enriched page view, so
// reports can slice invitations, chats and leads exactly like page views.
import { blankEvent, type ChatMessageRow, type EventRow, type LeadRow } from '../../clickhouse/rows.ts';
import { SHOP_ORIGIN, type PlannedPage } from './pages.ts';
import type { Random } from './random.ts';
import { DAY, HOUR } from './rhythm.ts';
import type { Touch } from './session-plan.ts';
import type { ConversationEvent, PlannedLead, PlannedMessage } from './timeline.ts';

export function touchOf(landing: EventRow): Touch {
  return {
    referrer_domain: landing.referrer_domain,
    utm_source: landing.utm_source,
    utm_medium: landing.utm_medium,
    utm_campaign: landing.utm_campaign,
    path: landing.path,
  };
}

export function conversationRow(base: EventRow, page: PlannedPage, c: ConversationEvent, eventId: string): EventRow {
  return blankEvent({
    site_id: base.site_id,
    ts: c.ts,
    event_id: eventId,
    type: c.type,
    visitor_id: base.visitor_id,
    session_id: base.session_id,
    host: base.host,
    path: page.path,
    url: page.url.slice(SHOP_ORIGIN.length),
    country: base.country,
    region: base.region,
    city: base.city,
    browser: base.browser,
    browser_version: base.browser_version,
    os: base.os,
    device: base.device,
    screen: base.screen,
    language: base.language,
    props: c.props,
    agent_id: c.agent_id,
    rule_id: c.rule_id,
    invitation_id: c.invitation_id,
    chat_id: c.chat_id,
    lead_id: c.lead_id,
  });
}

export function messageRow(siteId: string, visitorId: string, m: PlannedMessage): ChatMessageRow {
  return {
    site_id: siteId,
    chat_id: m.chat_id,
    message_id: m.message_id,
    seq: m.seq,
    ts: m.ts,
    sender: m.sender,
    agent_id: m.agent_id,
    visitor_id: visitorId,
    body: m.body,
    ...(m.meta && { meta: m.meta }),
  };
}

/**
 * A lead as the sales team left it by `now`: recent leads are still new, older ones were
 * worked on (the row's newest version carries the status and when it last changed).
 */
export function leadRow(rnd: Random, landing: EventRow, first: Touch, lead: PlannedLead, now: number): LeadRow {
  const age = now - lead.at;
  const status =
    age < DAY
      ? rnd.chance(0.7)
        ? 'new'
        : 'contacted'
      : rnd.pick(['new', 'contacted', 'contacted', 'qualified', 'qualified', 'won', 'won', 'lost']);
  const updatedAt =
    status === 'new' ? lead.at : Math.min(now - 1, lead.at + HOUR + Math.floor(rnd.next() * Math.min(age, 5 * DAY)));
  return {
    site_id: landing.site_id,
    lead_id: lead.lead_id,
    visitor_id: landing.visitor_id,
    person_id: landing.visitor_id,
    source: lead.source,
    status,
    owner_id: lead.owner_id,
    name: lead.contact.name,
    email: lead.contact.email.toLowerCase(),
    phone: lead.contact.phone,
    message: lead.message,
    callback_at: lead.callback_at,
    notes: '',
    chat_id: lead.chat_id,
    first_referrer_domain: first.referrer_domain,
    first_utm_source: first.utm_source,
    first_utm_medium: first.utm_medium,
    first_utm_campaign: first.utm_campaign,
    first_landing_path: first.path,
    last_referrer_domain: landing.referrer_domain,
    last_utm_source: landing.utm_source,
    last_utm_medium: landing.utm_medium,
    last_utm_campaign: landing.utm_campaign,
    last_landing_path: landing.path,
    country: landing.country,
    created_at: lead.at,
    updated_at: Math.max(lead.at, updatedAt),
  };
}
