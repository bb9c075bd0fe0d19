import { describe, expect, it } from 'vitest';
import type { HeatmapCell, StaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { agentsNeeded } from './erlang-c.ts';
import { FALLBACK_AHT_SECONDS, FALLBACK_CALL_AHT_SECONDS, planStaffing } from './plan.ts';

const blank = (weekday: number, hour: number): HeatmapCell => ({
  weekday,
  hour,
  visitors: 0,
  requests: 0,
  waited: 0,
  avgWaitSeconds: 0,
  handled: 0,
  avgHandleSeconds: 0,
  agents: 0,
  calls: 0,
  callsHandled: 0,
  avgCallSeconds: 0,
});
const grid = (over: Record<string, Partial<HeatmapCell>>): StaffingHeatmap => ({
  cells: Array.from({ length: 168 }, (_, i) => ({
    ...blank(Math.floor(i / 24) + 1, i % 24),
    ...over[`${Math.floor(i / 24) + 1}-${i % 24}`],
  })),
  weeks: [4, 4, 4, 4, 5, 5, 4],
});
const target = { targetPercent: 80, targetSeconds: 20, concurrency: 2 };

describe('planStaffing', () => {
  it('averages per occurrence of the weekday and weights the AHT by chats handled', () => {
    const plan = planStaffing(
      grid({
        '1-10': { requests: 400, agents: 12, handled: 300, avgHandleSeconds: 200 },
        '5-14': { requests: 50, handled: 100, avgHandleSeconds: 400 },
      }),
      target,
    );
    expect(plan).toMatchObject({ ahtSource: 'measured', ahtSeconds: 250, measuredAhtSeconds: 250 });
    const monday = plan.cells.find((c) => c.weekday === 1 && c.hour === 10)!;
    const chatAgents = agentsNeeded({ chatsPerHour: 100, ahtSeconds: 250, ...target }).agents;
    expect(monday).toEqual({
      weekday: 1,
      hour: 10,
      chatsPerHour: 100,
      callsPerHour: 0,
      chatAgents,
      callAgents: 0,
      agentsSeen: 3,
      agentsNeeded: chatAgents,
    });
    expect(plan.cells.find((c) => c.weekday === 5 && c.hour === 14)!.chatsPerHour).toBe(10);
    expect(plan.cells.filter((c) => c.agentsNeeded > 0)).toHaveLength(2);
  });

  it('uses the override, else the fallback when nothing was measured', () => {
    const g = grid({ '2-9': { requests: 8 } });
    expect(planStaffing(g, target)).toMatchObject({
      ahtSource: 'fallback',
      ahtSeconds: FALLBACK_AHT_SECONDS,
      measuredAhtSeconds: 0,
    });
    expect(planStaffing(g, { ...target, ahtSeconds: 900 })).toMatchObject({ ahtSource: 'override', ahtSeconds: 900 });
  });

  it('plans calls beside the chats, one call per agent, from their measured talk time', () => {
    const plan = planStaffing(
      grid({
        '1-10': {
          requests: 400,
          handled: 300,
          avgHandleSeconds: 200,
          calls: 40,
          callsHandled: 20,
          avgCallSeconds: 240,
        },
        '5-14': { calls: 50, callsHandled: 10, avgCallSeconds: 120 },
      }),
      target,
    );
    // Talk time weighted by calls ended: (20 × 240 + 10 × 120) / 30 = 200 s.
    expect(plan).toMatchObject({ callAhtSource: 'measured', callAhtSeconds: 200, ahtSeconds: 200 });
    // 10 calls an hour × 200 s = 0.556 Erlang. By hand, 80 % within 20 s:
    // 1 agent: SL = 1 − 0.556·e^(−0.444·20/200) = 0.469; 2 agents: C = 0.1208, SL = 1 − 0.1208·e^(−1.444·0.1) = 0.895.
    // So 2 agents; with the chats' 2 slots per agent it would have been 1.
    const monday = plan.cells.find((c) => c.weekday === 1 && c.hour === 10)!;
    const chatAgents = agentsNeeded({ chatsPerHour: 100, ahtSeconds: 200, ...target }).agents;
    expect(monday).toEqual({
      weekday: 1,
      hour: 10,
      chatsPerHour: 100,
      callsPerHour: 10,
      chatAgents,
      callAgents: 2,
      agentsNeeded: chatAgents + 2,
      agentsSeen: 0,
    });
    // Friday: 50 calls over 5 Fridays, no chats.
    expect(plan.cells.find((c) => c.weekday === 5 && c.hour === 14)).toMatchObject({
      callsPerHour: 10,
      chatAgents: 0,
      callAgents: 2,
      agentsNeeded: 2,
    });
    expect(planStaffing(grid({ '2-9': { calls: 3 } }), target)).toMatchObject({
      callAhtSource: 'fallback',
      callAhtSeconds: FALLBACK_CALL_AHT_SECONDS,
    });
  });
});
