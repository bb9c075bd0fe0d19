import { z } from 'zod';
import type { LeadRow } from '../../../clickhouse/rows.ts';
import { col } from '../../../clickhouse/read-rows.ts';

// Every column but the two times, which come back as epoch ms to match LeadRow.
export const LEAD_COLUMNS = `site_id, lead_id, visitor_id, person_id, source, status, owner_id, name, email, phone, message, callback_at, notes, chat_id,
  first_referrer_domain, first_utm_source, first_utm_medium, first_utm_campaign, first_landing_path,
  last_referrer_domain, last_utm_source, last_utm_medium, last_utm_campaign, last_landing_path, country,
  toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at`;

const t = col.text;
/** A stored lead as read back: the one schema behind the lead and the lead list. */
export const storedLeadRow = z.object({
  site_id: t,
  lead_id: t,
  visitor_id: t,
  person_id: t,
  source: t,
  status: t,
  owner_id: t,
  name: t,
  email: t,
  phone: t,
  message: t,
  callback_at: t,
  notes: t,
  chat_id: t,
  first_referrer_domain: t,
  first_utm_source: t,
  first_utm_medium: t,
  first_utm_campaign: t,
  first_landing_path: t,
  last_referrer_domain: t,
  last_utm_source: t,
  last_utm_medium: t,
  last_utm_campaign: t,
  last_landing_path: t,
  country: t,
  created_at: col.ms,
  updated_at: col.ms,
}) satisfies z.ZodType<LeadRow>;
