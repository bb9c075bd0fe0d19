import { z } from 'zod';
import { eventMatch, goalId, pagePattern } from './goals.ts';

// The step kinds of the custom funnel builder: what the builder shows (label key under
// `funnels.kinds`) and what a step of the kind holds (zod config). Adding a kind — a "called"
// step, say — is one entry here and its condition in server/queries/fragments/step-conditions.ts.

interface StepKind<C extends z.ZodType> {
  label: string;
  config: C;
}

const kind = <C extends z.ZodType>(k: StepKind<C>) => k;
const noConfig = z.strictObject({});

export const STEP_KINDS = {
  page: kind({ label: 'page', config: z.strictObject({ pattern: pagePattern }) }),
  event: kind({ label: 'event', config: eventMatch }),
  goal: kind({ label: 'goal', config: z.strictObject({ goalId }) }),
  invitation_shown: kind({ label: 'invitationShown', config: noConfig }),
  invitation_accepted: kind({ label: 'invitationAccepted', config: noConfig }),
  chat: kind({ label: 'chat', config: noConfig }),
  called: kind({ label: 'called', config: noConfig }),
  lead: kind({ label: 'lead', config: noConfig }),
  order: kind({ label: 'order', config: noConfig }),
} as const;
export type StepKindName = keyof typeof STEP_KINDS;
export const STEP_KIND_NAMES = Object.keys(STEP_KINDS) as [StepKindName, ...StepKindName[]];

/** One step as saved: its kind and that kind's config. */
export const funnelStep = z
  .strictObject({ kind: z.enum(STEP_KIND_NAMES), config: z.record(z.string(), z.unknown()).default({}) })
  .transform((s, ctx) => {
    const parsed = STEP_KINDS[s.kind].config.safeParse(s.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['config', ...issue.path] });
      return z.NEVER;
    }
    return { kind: s.kind, config: parsed.data };
  });
export type FunnelStep = z.output<typeof funnelStep>;
