import { describe, expect, it } from 'vitest';
import type { HeatmapCell, StaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { agentsNeeded } from './erlang-c.ts';
import { FALLBACK_AHT_SECONDS, planStaffing } from './plan.ts';

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
    expect(monday).toEqual({
      weekday: 1,
      hour: 10,
      chatsPerHour: 100,
      agentsSeen: 3,
      agentsNeeded: agentsNeeded({ chatsPerHour: 100, ahtSeconds: 250, ...target }).agents,
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
});
