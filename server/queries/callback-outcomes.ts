import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface CallbackWork {
  agentId: string;
  claimed: number;
  /** Outcomes recorded: each attempt counts, a "call again" too. */
  worked: number;
  reached: number;
  noAnswer: number;
  wrongNumber: number;
  callAgain: number;
}

const row = z.object({
  agent_id: col.text,
  claimed: col.int,
  worked: col.int,
  reached: col.int,
  no_answer: col.int,
  wrong_number: col.int,
  call_again: col.int,
});

/**
 * Callbacks worked per agent in a range (site and window; the page filters do not apply:
 * a callback is the agent's work, not a visit), from the `callback_claimed` and
 * `callback_outcome` events. Callers bind {siteId}, {from}, {to}.
 */
export async function getCallbackOutcomes(
  client: ClickHouseClient,
  range: { siteId: string; from: number; to: number },
): Promise<CallbackWork[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT agent_id,
                     countIf(type = 'callback_claimed') AS claimed,
                     countIf(type = 'callback_outcome') AS worked,
                     countIf(type = 'callback_outcome' AND props['outcome'] = 'reached') AS reached,
                     countIf(type = 'callback_outcome' AND props['outcome'] = 'no_answer') AS no_answer,
                     countIf(type = 'callback_outcome' AND props['outcome'] = 'wrong_number') AS wrong_number,
                     countIf(type = 'callback_outcome' AND props['outcome'] = 'call_again') AS call_again
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String}
                AND ts >= fromUnixTimestamp64Milli({from:Int64}) AND ts < fromUnixTimestamp64Milli({to:Int64})
                AND type IN ('callback_claimed', 'callback_outcome') AND agent_id != ''
              GROUP BY agent_id
              ORDER BY worked DESC, claimed DESC, agent_id`,
      query_params: range,
    },
    row,
  );
  return rows.map((r) => ({
    agentId: r.agent_id,
    claimed: r.claimed,
    worked: r.worked,
    reached: r.reached,
    noAnswer: r.no_answer,
    wrongNumber: r.wrong_number,
    callAgain: r.call_again,
  }));
}
