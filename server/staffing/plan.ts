import type { StaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { agentsNeeded } from './erlang-c.ts';
import type { PlanTarget } from '../contract/plan-input.ts';

/** Used only when the range has no finished chat to measure and no override was given. */
export const FALLBACK_AHT_SECONDS = 300;
/** Call talk time used when the range has no ended call to measure. */
export const FALLBACK_CALL_AHT_SECONDS = 180;

export interface PlanCell {
  weekday: number;
  hour: number;
  /** Chat requests in a typical such hour (range total / occurrences of the weekday). */
  chatsPerHour: number;
  /** Web calls asked for in a typical such hour. */
  callsPerHour: number;
  /** Agents for the chats (Erlang C over chat slots) … */
  chatAgents: number;
  /** … and for the calls (Erlang C, one call per agent). */
  callAgents: number;
  /** chatAgents + callAgents. */
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
  /** The call talk time the plan used: measured over the range, else the fallback. */
  callAhtSeconds: number;
  callAhtSource: 'measured' | 'fallback';
  cells: PlanCell[];
}

/**
 * Agents needed per weekday × hour. One AHT for every hour, measured over the whole
 * range: a single hour of a single weekday holds too few chats for a steady mean.
 *
 * Calls are demand beside the chats, planned as their own queue: an agent holds several
 * chats at once but only one call (voice takes the whole person), so the two cannot share
 * the chat slots of one Erlang C. The agents of both queues are added up, which slightly
 * overstates the need when the same people take both (a blended team pools its idle time).
 */
export function planStaffing(heatmap: StaffingHeatmap, target: PlanTarget): StaffingPlan {
  const handled = heatmap.cells.reduce((s, c) => s + c.handled, 0);
  const measured = handled ? heatmap.cells.reduce((s, c) => s + c.avgHandleSeconds * c.handled, 0) / handled : 0;
  const ahtSource = target.ahtSeconds ? 'override' : measured > 0 ? 'measured' : 'fallback';
  const ahtSeconds = target.ahtSeconds ?? (measured > 0 ? measured : FALLBACK_AHT_SECONDS);
  const callsHandled = heatmap.cells.reduce((s, c) => s + c.callsHandled, 0);
  const measuredCall = callsHandled
    ? heatmap.cells.reduce((s, c) => s + c.avgCallSeconds * c.callsHandled, 0) / callsHandled
    : 0;
  const callAhtSeconds = measuredCall > 0 ? measuredCall : FALLBACK_CALL_AHT_SECONDS;
  const level = { targetPercent: target.targetPercent, targetSeconds: target.targetSeconds };
  const cells = heatmap.cells.map((c) => {
    const weeks = heatmap.weeks[c.weekday - 1] ?? 0;
    const chatsPerHour = weeks ? c.requests / weeks : 0;
    const callsPerHour = weeks ? c.calls / weeks : 0;
    const chatAgents = agentsNeeded({ chatsPerHour, ahtSeconds, concurrency: target.concurrency, ...level }).agents;
    const callAgents = agentsNeeded({
      chatsPerHour: callsPerHour,
      ahtSeconds: callAhtSeconds,
      concurrency: 1,
      ...level,
    }).agents;
    return {
      weekday: c.weekday,
      hour: c.hour,
      chatsPerHour,
      callsPerHour,
      chatAgents,
      callAgents,
      agentsNeeded: chatAgents + callAgents,
      agentsSeen: weeks ? c.agents / weeks : 0,
    };
  });
  return {
    ahtSeconds,
    ahtSource,
    measuredAhtSeconds: measured,
    callAhtSeconds,
    callAhtSource: measuredCall > 0 ? 'measured' : 'fallback',
    cells,
  };
}
