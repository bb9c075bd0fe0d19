import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../contract/callbacks.ts';

export interface CallbackStep {
  callbackId: string;
  at: number;
  kind: 'requested' | 'claimed' | 'outcome';
  agentId: string;
  outcome: CallbackOutcome | '';
  /** The time the visitor asked for (a request) or the agent set (call again); 0 otherwise. */
  dueAt: number;
}

const KIND = { callback_request: 'requested', callback_claimed: 'claimed', callback_outcome: 'outcome' } as const;

const row = z.object({
  callback_id: col.text,
  at: col.ms,
  type: z.enum(['callback_request', 'callback_claimed', 'callback_outcome']),
  agent_id: col.text,
  outcome: z.enum(CALLBACK_OUTCOMES).or(z.literal('')),
  due_at: col.text,
});

/**
 * Every step of the callbacks of these leads or visitor ids (a lead's drawer, a person's
 * profile), oldest first: the request is the event whose id is the callback's id, later
 * steps name it in props.
 */
export async function getCallbackHistory(
  client: ClickHouseClient,
  siteId: string,
  of: { leadIds: string[]; visitorIds: string[] },
): Promise<CallbackStep[]> {
  const rows = await readRows(
    client,
    {
      query: `WITH ids AS (
                SELECT callback_id FROM ${TABLES.callbacks} FINAL
                WHERE site_id = {siteId:String}
                  AND (lead_id IN {leadIds:Array(String)} OR visitor_id IN {visitorIds:Array(String)})
              )
              SELECT if(type = 'callback_request', toString(event_id), props['callback_id']) AS callback_id,
                     toUnixTimestamp64Milli(ts) AS at, type, agent_id, props['outcome'] AS outcome, props['at'] AS due_at
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String}
                AND type IN ('callback_request', 'callback_claimed', 'callback_outcome')
                AND callback_id IN (SELECT callback_id FROM ids)
              ORDER BY at, type`,
      query_params: { siteId, leadIds: of.leadIds, visitorIds: of.visitorIds },
    },
    row,
  );
  return rows.map((r) => ({
    callbackId: r.callback_id,
    at: r.at,
    kind: KIND[r.type],
    agentId: r.agent_id,
    outcome: r.outcome,
    dueAt: r.due_at ? Date.parse(r.due_at) || 0 : 0,
  }));
}
