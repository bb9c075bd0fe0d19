import type { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { phoneSearchDigits } from '../contract/phone-key.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { LEAD_STATUSES, type LeadStatus } from '../contract/lead-schema.ts';
import type { LeadSort } from '../contract/lists.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { storedLeadRow } from './fragments/lead-row.ts';

// What the list can be sorted by. The only strings spliced into ORDER BY; the router's
// input enum is built from these keys. Status sorts in pipeline order, not alphabetically.
const LEAD_SORTS = {
  createdAt: 'l.created_at',
  updatedAt: 'l.updated_at',
  name: 'lowerUTF8(l.name)',
  status: `indexOf([${LEAD_STATUSES.map((s) => `'${s}'`).join(', ')}], l.status)`,
} as const satisfies Record<LeadSort, string>;

/** The lead, or its visitor, carries one of the tags bound as {param:Array(String)}. */
const TAGGED = (param: string) =>
  `(l.lead_id IN (SELECT subject_id FROM ${TABLES.tagAssignments} FINAL
      WHERE site_id = {siteId:String} AND subject_kind = 'lead' AND tag_id IN {${param}:Array(String)} AND is_removed = 0)
    OR l.visitor_id IN (SELECT subject_id FROM ${TABLES.tagAssignments} FINAL
      WHERE site_id = {siteId:String} AND subject_kind = 'visitor' AND tag_id IN {${param}:Array(String)} AND is_removed = 0))`;

export interface LeadListRow {
  leadId: string;
  visitorId: string;
  source: string;
  status: string;
  ownerId: string;
  /** The owner's user name, '' when the owner is not (or no longer) a user. */
  ownerName: string;
  name: string;
  email: string;
  phone: string;
  message: string;
  callbackAt: string;
  notes: string;
  chatId: string;
  first: { referrerDomain: string; utmSource: string; utmMedium: string; utmCampaign: string; path: string };
  last: { referrerDomain: string; utmSource: string; utmMedium: string; utmCampaign: string; path: string };
  country: string;
  createdAt: number;
  updatedAt: number;
}

export interface LeadListQuery {
  /** Case-insensitive substring of name, email, phone or message, or a phone in any spelling; '' for all. */
  search: string;
  /** Only leads in this status; '' for all. */
  status: LeadStatus | '';
  /** Leads that (or whose visitor) carry any of these tags; [] for all. */
  tags?: string[];
  /** Leads that (and whose visitor) carry none of these tags. */
  notTags?: string[];
  sort: LeadSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

// The list shows no site or person id; it adds the owner's name and the count before paging.
const leadListRow = storedLeadRow
  .omit({ site_id: true, person_id: true })
  .extend({ owner_name: col.text, total: col.int });
type Row = z.output<typeof leadListRow>;

/**
 * The leads of a site, newest version of each (FINAL: a lead's edits are versions of one
 * row), searched, filtered by status, sorted, one page plus the total. A site has
 * thousands of leads, not millions, so one pass over its part of the table is enough.
 */
export async function listLeads(
  client: ClickHouseClient,
  siteId: string,
  q: LeadListQuery,
): Promise<{ total: number; rows: LeadListRow[] }> {
  const rows = await readRows(
    client,
    {
      query: `SELECT l.lead_id, l.visitor_id, l.source, l.status, l.owner_id, u.name AS owner_name,
                   l.name, l.email, l.phone, l.message, l.callback_at, l.notes, l.chat_id,
                   l.first_referrer_domain, l.first_utm_source, l.first_utm_medium, l.first_utm_campaign, l.first_landing_path,
                   l.last_referrer_domain, l.last_utm_source, l.last_utm_medium, l.last_utm_campaign, l.last_landing_path, l.country,
                   toUnixTimestamp64Milli(l.created_at) AS created_at, toUnixTimestamp64Milli(l.updated_at) AS updated_at,
                   count() OVER () AS total
            FROM (SELECT * FROM ${TABLES.leads} FINAL WHERE site_id = {siteId:String}) AS l
            LEFT JOIN (SELECT user_id, name FROM ${TABLES.users} FINAL) AS u ON u.user_id = l.owner_id
            WHERE ({status:String} = '' OR l.status = {status:String})
              AND (empty({tags:Array(String)}) OR ${TAGGED('tags')})
              AND (empty({notTags:Array(String)}) OR NOT ${TAGGED('notTags')})
              AND ({search:String} = ''
                OR positionCaseInsensitiveUTF8(l.name, {search:String}) > 0
                OR positionCaseInsensitiveUTF8(l.email, {search:String}) > 0
                OR positionCaseInsensitiveUTF8(l.phone, {search:String}) > 0
                OR positionCaseInsensitiveUTF8(l.message, {search:String}) > 0
                OR ({phoneDigits:String} != '' AND position(l.phone_key, {phoneDigits:String}) > 0))
            ORDER BY ${LEAD_SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, l.lead_id
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}
            SETTINGS join_use_nulls = 0`,
      query_params: {
        siteId,
        status: q.status,
        tags: q.tags ?? [],
        notTags: q.notTags ?? [],
        search: q.search,
        phoneDigits: phoneSearchDigits(q.search),
        limit: q.limit,
        offset: q.offset,
      },
    },
    leadListRow,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(toLeadListRow) };
}

/** A lead's columns in the list's shape; also for a stored lead row, whose owner is not named. */
export function toLeadListRow(r: Omit<Row, 'total' | 'owner_name'> & { owner_name?: string }): LeadListRow {
  return {
    leadId: r.lead_id,
    visitorId: r.visitor_id,
    source: r.source,
    status: r.status,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? '',
    name: r.name,
    email: r.email,
    phone: r.phone,
    message: r.message,
    callbackAt: r.callback_at,
    notes: r.notes,
    chatId: r.chat_id,
    first: {
      referrerDomain: r.first_referrer_domain,
      utmSource: r.first_utm_source,
      utmMedium: r.first_utm_medium,
      utmCampaign: r.first_utm_campaign,
      path: r.first_landing_path,
    },
    last: {
      referrerDomain: r.last_referrer_domain,
      utmSource: r.last_utm_source,
      utmMedium: r.last_utm_medium,
      utmCampaign: r.last_utm_campaign,
      path: r.last_landing_path,
    },
    country: r.country,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
