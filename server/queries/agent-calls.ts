import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface AgentCalls {
  agentId: string;
  /** Web calls the agent answered (or, escalated from a chat, the visitor answered). */
  calls: number;
  /** Answer to hang-up, summed over their ended calls, in ms. */
  talkMs: number;
  /** Calls that rang them last and nobody answered (ring time out, or declined). */
  missed: number;
}

/** Per agent: web calls answered, talk time and missed calls, from the call_* events. */
export async function getAgentCalls(client: ClickHouseClient, scope: Scope): Promise<AgentCalls[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT agent_id AS agent,
                     countIf(type = 'call_answered') AS calls,
                     sumIf(toUInt64OrZero(props['duration_ms']), type = 'call_ended') AS talk_ms,
                     countIf(type = 'call_missed' AND props['reason'] IN ('no_answer', 'declined')) AS missed
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type IN ('call_answered', 'call_ended', 'call_missed') AND agent_id != ''
              GROUP BY agent_id`,
      query_params: scope.params,
    },
    z.object({ agent: col.text, calls: col.int, talk_ms: col.int, missed: col.int }),
  );
  return rows.map((r) => ({ agentId: r.agent, calls: r.calls, talkMs: r.talk_ms, missed: r.missed }));
}
