import type { StaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { agentsNeeded } from './erlang-c.ts';
import type { PlanTarget } from '../contract/plan-input.ts';

/** Used only when the range has no finished chat to measure and no override was given. */
export const FALLBACK_AHT_SECONDS = 300;

export interface PlanCell {
  weekday: number;
  hour: number;
  /** Chat requests in a typical such hour (range total / occurrences of the weekday). */
  chatsPerHour: number;
  agentsNeeded: number;
  /** Distinct agents active in a typical such hour (measured from agent activity). */
  agentsSeen: number;
}

export interface StaffingPlan {
  /** The AHT the plan used, and where it came from. */
  ahtSeconds: number;
  ahtSource: 'measured' | 'override' | 'fallback';
  /** Measured over the whole range (0 when nothing to measure). */
  measuredAhtSeconds: number;
  cells: PlanCell[];
}

/**
 * Agents needed per weekday × hour. One AHT for every hour, measured over the whole
 * range: a single hour of a single weekday holds too few chats for a steady mean.
 */
export function planStaffing(heatmap: StaffingHeatmap, target: PlanTarget): StaffingPlan {
  const handled = heatmap.cells.reduce((s, c) => s + c.handled, 0);
  const measured = handled ? heatmap.cells.reduce((s, c) => s + c.avgHandleSeconds * c.handled, 0) / handled : 0;
  const ahtSource = target.ahtSeconds ? 'override' : measured > 0 ? 'measured' : 'fallback';
  const ahtSeconds = target.ahtSeconds ?? (measured > 0 ? measured : FALLBACK_AHT_SECONDS);
  const cells = heatmap.cells.map((c) => {
    const weeks = heatmap.weeks[c.weekday - 1] ?? 0;
    const chatsPerHour = weeks ? c.requests / weeks : 0;
    return {
      weekday: c.weekday,
      hour: c.hour,
      chatsPerHour,
      agentsNeeded: agentsNeeded({
        chatsPerHour,
        ahtSeconds,
        concurrency: target.concurrency,
        targetPercent: target.targetPercent,
        targetSeconds: target.targetSeconds,
      }).agents,
      agentsSeen: weeks ? c.agents / weeks : 0,
    };
  });
  return { ahtSeconds, ahtSource, measuredAhtSeconds: measured, cells };
}
