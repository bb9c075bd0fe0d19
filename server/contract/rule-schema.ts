import { z } from 'zod';
import { tagId } from './tag-schema.ts';

// An automatic invitation rule: conditions on what the visitor does, combined with
// and/or, a frequency cap, the message, and who invites. Stored as JSON in
// invite_rules.definition and parsed with this schema whenever it is read or written.

const seconds = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600);
const count = z.number().int().min(1).max(1000);
/** A URL pattern: `*` matches anything; without `*` the URL only has to contain it. */
const pattern = z.string().trim().min(1).max(256);

export const ruleCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('timeOnPage'), seconds }),
  z.strictObject({ kind: z.literal('timeOnSite'), seconds }),
  z.strictObject({ kind: z.literal('currentUrl'), pattern }),
  z.strictObject({ kind: z.literal('visitedUrl'), pattern }),
  z.strictObject({ kind: z.literal('pagesViewed'), count }),
  z.strictObject({ kind: z.literal('referrer'), pattern }),
  z.strictObject({ kind: z.literal('utmCampaign'), value: z.string().trim().min(1).max(256) }),
  z.strictObject({
    kind: z.literal('country'),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .min(1)
      .max(50),
  }),
  z.strictObject({ kind: z.literal('returning') }),
  z.strictObject({ kind: z.literal('visitCount'), count }),
  z.strictObject({ kind: z.literal('exitIntent') }),
  /** The visitor (any of their person's visitor ids when tagged) carries any of these tags … */
  z.strictObject({ kind: z.literal('hasTag'), tagIds: z.array(tagId).min(1).max(20) }),
  /** … or none of them. */
  z.strictObject({ kind: z.literal('lacksTag'), tagIds: z.array(tagId).min(1).max(20) }),
]);
export type RuleCondition = z.infer<typeof ruleCondition>;
export const CONDITION_KINDS = ruleCondition.options.map((o) => o.shape.kind.value);
export type ConditionKind = RuleCondition['kind'];

export const ruleCap = z.discriminatedUnion('per', [
  z.strictObject({ per: z.literal('visit') }),
  z.strictObject({ per: z.literal('visitor') }),
  z.strictObject({ per: z.literal('day'), max: z.number().int().min(1).max(100) }),
]);
export type RuleCap = z.infer<typeof ruleCap>;

export const ruleDefinition = z.strictObject({
  match: z.enum(['all', 'any']),
  conditions: z.array(ruleCondition).min(1).max(10),
  message: z.string().trim().min(1).max(500),
  /** The inviting agent; '' = whoever of the pool is available and least busy. */
  agentId: z.string().max(64),
  /** The group whose least busy free member invites (when no agent is named); '' or absent = the pool. */
  groupId: z.string().max(64).optional(),
  cap: ruleCap,
});
export type RuleDefinition = z.infer<typeof ruleDefinition>;

export const ruleInput = z.strictObject({
  ruleId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
  definition: ruleDefinition,
});
export type RuleInput = z.infer<typeof ruleInput>;

export interface InviteRule extends Required<Omit<RuleInput, 'ruleId'>> {
  ruleId: string;
}
