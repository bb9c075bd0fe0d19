import type { CallbackRow, EventRow } from '../../clickhouse/rows.ts';
import { callbackRowsOf, claimStep, nextVersion, outcomeStep, type DeskStep } from '../chat/callback-desk.ts';
import type { CallbackOutcomeInput } from '../contract/callbacks.ts';
import { AGENTS } from './demo-world.ts';
import { createRandom, type Random } from './random.ts';
import { DAY, MINUTE } from './rhythm.ts';

/** Of the requests whose time came in the last OVERDUE_DAYS, this share was claimed and not called yet (overdue). */
const LEFT_OVERDUE = 0.35;
const OVERDUE_DAYS = 3;
/** An unreached visitor is tried again the next day, at most this many times in all. */
const MAX_ATTEMPTS = 3;

export interface DemoCallbacks {
  /** Every version of every queue row, oldest first (the table keeps the highest). */
  rows: CallbackRow[];
  /** The callback_claimed / callback_outcome events the agents report counts. */
  events: EventRow[];
}

/**
 * A visit's callback requests put in the queue as a live request is (callbackRowsOf), then
 * worked up to `now` through the desk's own transitions (claimStep, outcomeStep): those due
 * in the past were claimed and called by their lead's owner or an agent, a few of the last
 * days' were claimed and not called yet (overdue), and those due from now on are open. Each
 * request draws from a stream of its own, so the rest of the history stays as the seed made it.
 *
 * The overdue ones are left claimed on purpose: an unclaimed overdue callback raises the
 * team's pop-up on every dashboard screen (callback-alerts.tsx), and a small demo (the e2e
 * server's) must not raise it by chance. The open ones still turn overdue as the demo ages.
 */
export function workDemoCallbacks(
  requests: EventRow[],
  contact: { leadId: string; name: string; phone: string; ownerId: string },
  now: number,
): DemoCallbacks {
  const out: DemoCallbacks = { rows: [], events: [] };
  for (const first of callbackRowsOf(requests, contact)) {
    const rnd = createRandom(Number.parseInt(first.callback_id.replaceAll('-', '').slice(0, 8), 16));
    out.rows.push(first);
    const agent = contact.ownerId || rnd.pick(AGENTS).id;
    let current = first;
    const apply = (step: DeskStep | null, at: number) => {
      if (!step) return;
      current = nextVersion(current, step.row, at);
      out.rows.push(current);
      out.events.push(step.event);
    };
    const stuck = first.due_at <= now - DAY / 2 && first.due_at > now - OVERDUE_DAYS * DAY && rnd.chance(LEFT_OVERDUE);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && current.state === 'open'; attempt++) {
      // Claimed before it counts as overdue (CALLBACK_OVERDUE_MS), called a few minutes later.
      const claimedAt = current.due_at + rnd.int(1, 14) * MINUTE;
      const calledAt = claimedAt + rnd.int(1, 8) * MINUTE;
      if (claimedAt >= now) break;
      apply(claimStep(current, agent, claimedAt), claimedAt);
      if (stuck || calledAt >= now) break;
      apply(outcomeStep(current, agent, calledAt, outcomeOf(rnd, attempt, calledAt)), calledAt);
    }
  }
  return out;
}

function outcomeOf(rnd: Random, attempt: number, at: number): CallbackOutcomeInput {
  const roll = rnd.next();
  if (roll < 0.65) return { outcome: 'reached' };
  if (roll < 0.8 && attempt < MAX_ATTEMPTS) return { outcome: 'call_again', at: new Date(at + DAY).toISOString() };
  return { outcome: roll < 0.93 ? 'no_answer' : 'wrong_number' };
}
