import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import {
  CALLBACK_DUE_AHEAD_MS,
  CALLBACK_OUTCOMES,
  type CallbackItem,
  type CallbackSort,
  type CallbackTab,
} from '../contract/callbacks.ts';

// The only strings spliced into ORDER BY; the router's input enum is built from these keys.
const SORTS = {
  dueAt: 'c.due_at',
  requestedAt: 'c.requested_at',
  name: 'lowerUTF8(c.name)',
  attempts: 'c.attempts',
  updatedAt: 'c.updated_at',
} as const satisfies Record<CallbackSort, string>;

// Which rows each tab holds; {dueBy:Int64} is now plus the "due now" look-ahead.
const TABS = {
  due: `c.state = 'open' AND c.due_at <= fromUnixTimestamp64Milli({dueBy:Int64})`,
  later: `c.state = 'open' AND c.due_at > fromUnixTimestamp64Milli({dueBy:Int64})`,
  done: `c.state = 'done'`,
} as const satisfies Record<CallbackTab, string>;

export const callbackItemRow = z.object({
  callback_id: col.text,
  visitor_id: col.text,
  lead_id: col.text,
  name: col.text,
  phone: col.text,
  requested_at: col.ms,
  preferred_at: col.ms,
  due_at: col.ms,
  state: z.enum(['open', 'done']),
  claimed_by: col.text,
  claimed_by_name: col.text,
  claimed_at: col.ms,
  outcome: z.enum(CALLBACK_OUTCOMES).or(z.literal('')),
  attempts: col.int,
  updated_at: col.ms,
});

export const toCallbackItem = (r: z.output<typeof callbackItemRow>): CallbackItem => ({
  callbackId: r.callback_id,
  visitorId: r.visitor_id,
  leadId: r.lead_id,
  name: r.name,
  phone: r.phone,
  requestedAt: r.requested_at,
  preferredAt: r.preferred_at,
  dueAt: r.due_at,
  state: r.state,
  claimedBy: r.claimed_by,
  claimedByName: r.claimed_by_name,
  claimedAt: r.claimed_at,
  outcome: r.outcome,
  attempts: r.attempts,
  updatedAt: r.updated_at,
});

export interface CallbackListQuery {
  tab: CallbackTab;
  now: number;
  sort: CallbackSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * One tab of a site's callback queue, newest version of each callback (FINAL), sorted,
 * one page plus the total and how many of each tab there are (the tabs' badges). A site
 * has thousands of callbacks at most: one pass over its part of the table.
 */
export async function listCallbacks(
  client: ClickHouseClient,
  siteId: string,
  q: CallbackListQuery,
): Promise<{ total: number; counts: Record<CallbackTab, number>; rows: CallbackItem[] }> {
  const rows = await readRows(
    client,
    {
      // Rows of the tab come first, so the page is a range of row numbers; row 1 always
      // comes back, to carry the tabs' counts when this tab is empty.
      query: `SELECT * FROM (
                SELECT c.callback_id, c.visitor_id, c.lead_id, c.name, c.phone,
                       toUnixTimestamp64Milli(c.requested_at) AS requested_at,
                       toUnixTimestamp64Milli(c.preferred_at) AS preferred_at,
                       toUnixTimestamp64Milli(c.due_at) AS due_at,
                       c.state, c.claimed_by, u.name AS claimed_by_name,
                       toUnixTimestamp64Milli(c.claimed_at) AS claimed_at,
                       c.outcome, c.attempts, toUnixTimestamp64Milli(c.updated_at) AS updated_at,
                       countIf(${TABS.due}) OVER () AS due_count,
                       countIf(${TABS.later}) OVER () AS later_count,
                       countIf(${TABS.done}) OVER () AS done_count,
                       ${TABS[q.tab]} AS in_tab,
                       row_number() OVER (ORDER BY in_tab DESC, ${SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, c.callback_id) AS rn
                FROM (SELECT * FROM ${TABLES.callbacks} FINAL WHERE site_id = {siteId:String}) AS c
                LEFT JOIN (SELECT user_id, name FROM ${TABLES.users} FINAL) AS u ON u.user_id = c.claimed_by
              )
              WHERE rn = 1 OR (rn > {offset:UInt32} AND rn <= {offset:UInt32} + {limit:UInt32})
              ORDER BY rn
              SETTINGS join_use_nulls = 0`,
      query_params: { siteId, dueBy: q.now + CALLBACK_DUE_AHEAD_MS, offset: q.offset, limit: q.limit },
    },
    callbackItemRow.extend({
      due_count: col.int,
      later_count: col.int,
      done_count: col.int,
      in_tab: col.flag,
      rn: col.int,
    }),
  );
  const first = rows[0];
  const counts = { due: first?.due_count ?? 0, later: first?.later_count ?? 0, done: first?.done_count ?? 0 };
  const page = rows.filter((r) => r.in_tab && r.rn > q.offset);
  return { total: counts[q.tab], counts, rows: page.map(toCallbackItem) };
}
