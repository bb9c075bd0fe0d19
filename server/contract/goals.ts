import { z } from 'zod';

// Goals: what the Goals screen, the funnel builder's goal step and the goal reports agree
// on. Stored rows are parsed with these schemas when read.

export const goalId = z.string().regex(/^gl_[A-Za-z0-9]{1,32}$/, 'a goal id');

/** The most `*` a page pattern may hold: enough for `/shop/*\/item/*`, small enough to read. */
export const MAX_PATTERN_STARS = 8;

/**
 * A page path pattern: `*` stands for any run of characters, the whole path must match,
 * letters match in either case (as invitation rules). Never a regex: see page-pattern.ts.
 */
export const pagePattern = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .refine((p) => p.split('*').length - 1 <= MAX_PATTERN_STARS, `at most ${MAX_PATTERN_STARS} * in a pattern`);

const eventName = z.string().trim().min(1).max(128);
const propKey = z.string().trim().max(64).default('');
const propValue = z.string().trim().max(256).default('');

/** A custom event, optionally only when one prop has one value (key without value: the prop is present). */
export const eventMatch = z.strictObject({ eventName, propKey, propValue });
export type EventMatch = z.infer<typeof eventMatch>;

export const goalDefinition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('page'), pattern: pagePattern }),
  z.strictObject({ kind: z.literal('event'), ...eventMatch.shape }),
]);
export type GoalDefinition = z.infer<typeof goalDefinition>;

export const goalInput = z.strictObject({
  /** Absent: a new goal. */
  goalId: goalId.optional(),
  name: z.string().trim().min(1).max(60),
  definition: goalDefinition,
});
export type GoalInput = z.input<typeof goalInput>;

export interface Goal {
  goalId: string;
  name: string;
  definition: GoalDefinition;
}

/** The tables a goal can be a column of: each visitor under their first value in the range. */
export const GOAL_DIMENSIONS = ['source', 'campaign', 'country', 'device'] as const;
export type GoalDimension = (typeof GOAL_DIMENSIONS)[number];
