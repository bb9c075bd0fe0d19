import { z } from 'zod';

/** The planner's bounds, shared by the API schema and the screen's input boxes. */
export const PLAN_BOUNDS = {
  targetPercent: [50, 99],
  targetSeconds: [5, 600],
  concurrency: [1, 20],
  ahtSeconds: [10, 7200],
} as const satisfies Record<string, readonly [number, number]>;

const bounded = (key: keyof typeof PLAN_BOUNDS) => z.number().int().min(PLAN_BOUNDS[key][0]).max(PLAN_BOUNDS[key][1]);

export const planTarget = z.object({
  /** Service level: `targetPercent`% of chats answered within `targetSeconds`. */
  targetPercent: bounded('targetPercent'),
  targetSeconds: bounded('targetSeconds'),
  /** Chats one agent handles at once. */
  concurrency: bounded('concurrency'),
  /** Replaces the measured average handling time, seconds. */
  ahtSeconds: bounded('ahtSeconds').optional(),
});
export type PlanTarget = z.infer<typeof planTarget>;
