import type { AgentCalls } from '../queries/agent-calls.ts';
import type { AgentPerformance } from '../queries/agent-performance.ts';

export type AgentRow = AgentPerformance & Omit<AgentCalls, 'agentId'>;

/**
 * The agents report's rows: chat figures with each agent's web calls beside them; an agent
 * who only took calls in the range gets a row of their own with no chats.
 */
export function withCalls(chats: AgentPerformance[], calls: AgentCalls[]): AgentRow[] {
  const byAgent = new Map(calls.map((c) => [c.agentId, c]));
  const rows: AgentRow[] = chats.map((r) => {
    const c = byAgent.get(r.agentId);
    byAgent.delete(r.agentId);
    return { ...r, calls: c?.calls ?? 0, talkMs: c?.talkMs ?? 0, missed: c?.missed ?? 0 };
  });
  for (const c of byAgent.values())
    rows.push({
      agentId: c.agentId,
      chats: 0,
      firstResponseMedian: 0,
      firstResponseP90: 0,
      durationMedian: 0,
      leads: 0,
      orders: 0,
      revenue: [],
      rated: 0,
      ratingAverage: 0,
      calls: c.calls,
      talkMs: c.talkMs,
      missed: c.missed,
    });
  return rows;
}
