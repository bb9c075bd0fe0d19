import { z } from 'zod';

/**
 * What an agent records after dialling: `reached`, `no_answer` and `wrong_number` finish
 * the callback; `call_again` puts it back in the queue, due at the time the agent chose.
 */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'wrong_number', 'call_again'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** The Callbacks screen's tabs: open ones due soon or past, open ones later, finished ones. */
export const CALLBACK_TABS = ['due', 'later', 'done'] as const;
export type CallbackTab = (typeof CALLBACK_TABS)[number];

export const CALLBACK_SORT_KEYS = ['dueAt', 'requestedAt', 'name', 'attempts', 'updatedAt'] as const;
export type CallbackSort = (typeof CALLBACK_SORT_KEYS)[number];

/** An open callback due within this is "due now": the agent has time to read the visitor's history first. */
export const CALLBACK_DUE_AHEAD_MS = 15 * 60_000;
/** An open callback this long past its time is overdue: highlighted, and the team is alerted. */
export const CALLBACK_OVERDUE_MS = 15 * 60_000;
/** "Call again at" reaches at most this far ahead, as the widget's picker (14 days) with room to spare. */
export const CALLBACK_AGAIN_MAX_MS = 60 * 864e5;

export const callbackIdInput = z.string().trim().min(1).max(64);

/** A wall-clock time as a datetime-local input gives it (`2026-12-04T10:00`), read on the site's clock. */
export const LOCAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d$/;

/**
 * A callback's outcome; "call again" needs the time: an ISO instant, or the wall-clock time
 * the agent picked, which the server reads in the site's time zone.
 */
export const callbackOutcomeInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.enum(['reached', 'no_answer', 'wrong_number']) }),
  z.object({
    outcome: z.literal('call_again'),
    at: z.union([z.iso.datetime({ offset: true }), z.string().regex(LOCAL_TIME)]),
  }),
]);
export type CallbackOutcomeInput = z.infer<typeof callbackOutcomeInput>;

/** A callback as the queue and the agent's console show it. */
export interface CallbackItem {
  callbackId: string;
  visitorId: string;
  leadId: string;
  name: string;
  phone: string;
  requestedAt: number;
  preferredAt: number;
  dueAt: number;
  state: 'open' | 'done';
  claimedBy: string;
  /** The claimer's user name; '' when unclaimed or the user is gone. */
  claimedByName: string;
  claimedAt: number;
  outcome: CallbackOutcome | '';
  attempts: number;
  updatedAt: number;
}

/** Whether an open callback due at `dueAt` is overdue at `now`. */
export const isOverdue = (c: { state: string; dueAt: number }, now: number) =>
  c.state === 'open' && c.dueAt + CALLBACK_OVERDUE_MS < now;

/** The number as a `tel:` link dials it: digits and a leading + only. */
export const dialable = (phone: string) => {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '');
};
