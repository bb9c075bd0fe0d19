// When things happen: the demo shop's traffic follows the hour of day and the weekday
// in Shanghai time, grows a little over the window, and varies from day to day.
import { AGENTS, HOUR_WEIGHTS, WEEKDAY_WEIGHTS, type AgentShift } from './demo-world.ts';
import { weightedPicker, type Random } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The demo site's time zone, Asia/Shanghai, has been UTC+8 without DST since 1991. */
const OFFSET = 8 * HOUR;

export const localHour = (t: number) => Math.floor((t + OFFSET) / HOUR) % 24;
/** 0 = Sunday; 1970-01-01 was a Thursday. */
export const localWeekday = (t: number) => (Math.floor((t + OFFSET) / DAY) + 4) % 7;
const localMidnight = (t: number) => Math.floor((t + OFFSET) / DAY) * DAY - OFFSET;

export interface Slot {
  start: number;
  end: number;
  /** Share of the window's traffic that starts in this slot (unnormalised). */
  weight: number;
}

/** One slot per local clock hour of the window [now - days, now), partial at both ends. */
export function hourSlots(rnd: Random, now: number, days: number): Slot[] {
  const from = now - days * DAY;
  const slots: Slot[] = [];
  const dayFactor = new Map<number, number>();
  for (let hour = Math.floor(from / HOUR) * HOUR; hour < now; hour += HOUR) {
    const start = Math.max(hour, from);
    const end = Math.min(hour + HOUR, now);
    const day = localMidnight(hour);
    let factor = dayFactor.get(day);
    if (factor === undefined) dayFactor.set(day, (factor = 0.85 + rnd.next() * 0.3));
    const growth = 0.85 + (0.3 * (start - from)) / (now - from);
    const rhythm = (HOUR_WEIGHTS[localHour(hour)] ?? 1) * (WEEKDAY_WEIGHTS[localWeekday(hour)] ?? 1);
    slots.push({ start, end, weight: (rhythm * factor * growth * (end - start)) / HOUR });
  }
  return slots;
}

const pickHour = weightedPicker(
  HOUR_WEIGHTS.map((weight, hour) => ({ weight, hour })),
  (h) => h.weight,
);

/**
 * When a returning visitor comes back: mostly within a week, at an hour people browse,
 * and always more than 30 minutes after the last visit ended (else it would be the same
 * session under the tracker's 30-minute rule).
 */
export function nextVisitAfter(rnd: Random, lastEventAt: number): number {
  const earliest = lastEventAt + 45 * MINUTE;
  const days = rnd.chance(0.15) ? 0 : 1 + Math.min(29, Math.floor(rnd.exp(4)));
  const at = localMidnight(lastEventAt) + days * DAY + pickHour(rnd).hour * HOUR + Math.floor(rnd.next() * HOUR);
  return at >= earliest ? at : earliest + Math.floor(rnd.exp(2 * HOUR));
}

// Shifts by weekday and hour, computed once: agents are looked up for every session.
const ONLINE: AgentShift[][] = Array.from({ length: 7 * 24 }, (_, i) => {
  const weekday = Math.floor(i / 24);
  const hour = i % 24;
  const weekend = weekday === 0 || weekday === 6;
  return AGENTS.filter((a) => (!weekend || a.weekend) && hour >= a.from && hour < a.to);
});

/** Agents on shift at this moment (invitations only fire, and chats only start, when one is). */
export function agentsOnline(t: number): AgentShift[] {
  return ONLINE[localWeekday(t) * 24 + localHour(t)] ?? [];
}
