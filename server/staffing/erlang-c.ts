// Erlang C (the M/M/N queue) for chat staffing. Pure arithmetic, no I/O.
//
// Erlang C assumes Poisson arrivals, exponential handling times, N identical servers and
// callers who wait rather than leave. Live chat breaks one of these on purpose: an agent
// works several chats at once. We adapt it the usual way for multi-session channels:
// each agent is `concurrency` servers (chat slots), and the handling time is the one
// measured per chat while agents multitask (chat_started → chat_ended), which already
// contains the slowdown multitasking causes. So the queue is solved for N slots and the
// agents are ceil(N / concurrency). The answer is an estimate, and the UI says so.

export interface StaffingTarget {
  /** Average chat requests arriving in the hour. */
  chatsPerHour: number;
  /** Average handling time of one chat, seconds. */
  ahtSeconds: number;
  /** Chats one agent handles at the same time. */
  concurrency: number;
  /** Service level: `targetPercent`% of chats answered within `targetSeconds`. */
  targetPercent: number;
  targetSeconds: number;
}

export interface StaffingEstimate {
  /** Offered traffic A = λ · AHT, in Erlangs (busy chat slots on average). */
  trafficErlangs: number;
  /** Chat slots N the queue needs. */
  slots: number;
  /** Agents needed: ceil(slots / concurrency). */
  agents: number;
  /** The service level those slots reach (0..1). */
  serviceLevel: number;
}

/** Queues beyond this many slots are not staffed by this tool (and would loop long). */
const MAX_SLOTS = 10_000;

/**
 * Probability that an arriving chat has to wait, for `trafficErlangs` offered to
 * `servers` servers. Computed through the Erlang B recursion
 * B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then C = N·B / (N − A·(1 − B)):
 * every step stays in [0, 1], so A^N/N! never overflows (A = 1000 is fine).
 * With N ≤ A the queue grows without bound: every chat waits (1).
 */
export function erlangC(trafficErlangs: number, servers: number): number {
  if (trafficErlangs <= 0) return 0;
  if (servers <= trafficErlangs) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (trafficErlangs * b) / (k + trafficErlangs * b);
  return (servers * b) / (servers - trafficErlangs * (1 - b));
}

/**
 * Share of chats answered within `targetSeconds` with `servers` slots:
 * SL = 1 − C(A, N) · e^(−(N − A) · t / AHT), A = λ · AHT / 3600.
 */
export function serviceLevel(chatsPerHour: number, ahtSeconds: number, servers: number, targetSeconds: number): number {
  const a = (chatsPerHour * ahtSeconds) / 3600;
  if (a <= 0) return 1;
  if (servers <= a) return 0;
  return 1 - erlangC(a, servers) * Math.exp((-(servers - a) * targetSeconds) / ahtSeconds);
}

/** The fewest slots (N > A) that meet the target, and the agents that provide them. 0 chats → 0 agents. */
export function agentsNeeded(t: StaffingTarget): StaffingEstimate {
  const a = (t.chatsPerHour * t.ahtSeconds) / 3600;
  if (!(a > 0)) return { trafficErlangs: 0, slots: 0, agents: 0, serviceLevel: 1 };
  const goal = t.targetPercent / 100;
  let n = Math.floor(a) + 1;
  let sl = serviceLevel(t.chatsPerHour, t.ahtSeconds, n, t.targetSeconds);
  while (sl < goal && n < MAX_SLOTS) sl = serviceLevel(t.chatsPerHour, t.ahtSeconds, ++n, t.targetSeconds);
  return { trafficErlangs: a, slots: n, agents: Math.ceil(n / Math.max(1, t.concurrency)), serviceLevel: sl };
}
