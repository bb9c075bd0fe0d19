import { z } from 'zod';
import { eventMatch, goalId, pagePattern, type Goal, type GoalDefinition } from './goals.ts';
import { likePattern } from './page-pattern.ts';

// The step kinds of the custom funnel builder, ONE entry per kind: what the builder shows
// (label key under `funnels.kinds`), what a step of the kind holds (zod config) and the
// condition an `events` row must meet (SQL over the events columns, values bound under the
// step's own parameter prefix). Adding a kind — a "called" step, say — is one entry here.

/** A SQL condition on an `events` row with the values it binds. */
export interface StepCondition {
  sql: string;
  params: Record<string, string>;
  /**
   * The one event type a matching row has (null: nothing matches): a report reads those types
   * alone, a range of the sort key, instead of testing every row of the range.
   */
  type: string | null;
}

/** What building a condition may need besides the step: the site's goals, by id. */
export interface StepContext {
  goals: ReadonlyMap<string, Goal>;
}

interface StepKind<C extends z.ZodType> {
  label: string;
  config: C;
  condition: (config: z.infer<C>, prefix: string, ctx: StepContext) => StepCondition;
}

const kind = <C extends z.ZodType>(k: StepKind<C>) => k;
const noConfig = z.strictObject({});
const ofType = (type: string) => () => ({ sql: `type = '${type}'`, params: {}, type });

/** A goal's condition; also what the goal reports count. */
export function goalCondition(goal: GoalDefinition, prefix: string): StepCondition {
  if (goal.kind === 'page')
    return {
      sql: `(type = 'pageview' AND path ILIKE {${prefix}p:String})`,
      params: { [`${prefix}p`]: likePattern(goal.pattern) },
      type: 'pageview',
    };
  const params: Record<string, string> = { [`${prefix}n`]: goal.eventName };
  let sql = `type = 'custom' AND name = {${prefix}n:String}`;
  if (goal.propKey !== '') {
    params[`${prefix}k`] = goal.propKey;
    if (goal.propValue === '') sql += ` AND mapContains(props, {${prefix}k:String})`;
    else {
      params[`${prefix}v`] = goal.propValue;
      sql += ` AND props[{${prefix}k:String}] = {${prefix}v:String}`;
    }
  }
  return { sql: `(${sql})`, params, type: 'custom' };
}

export const STEP_KINDS = {
  page: kind({
    label: 'page',
    config: z.strictObject({ pattern: pagePattern }),
    condition: (c, prefix) => goalCondition({ kind: 'page', pattern: c.pattern }, prefix),
  }),
  event: kind({
    label: 'event',
    config: eventMatch,
    condition: (c, prefix) => goalCondition({ kind: 'event', ...c }, prefix),
  }),
  goal: kind({
    label: 'goal',
    config: z.strictObject({ goalId }),
    condition: (c, prefix, ctx) => {
      const goal = ctx.goals.get(c.goalId);
      // A deleted goal's step matches nothing rather than failing the whole funnel.
      return goal ? goalCondition(goal.definition, prefix) : { sql: '0', params: {}, type: null };
    },
  }),
  invitation_shown: kind({ label: 'invitationShown', config: noConfig, condition: ofType('invite_shown') }),
  invitation_accepted: kind({ label: 'invitationAccepted', config: noConfig, condition: ofType('invite_accepted') }),
  chat: kind({ label: 'chat', config: noConfig, condition: ofType('chat_started') }),
  // A web call someone answered: a missed or still-ringing call is no engagement.
  called: kind({ label: 'called', config: noConfig, condition: ofType('call_answered') }),
  lead: kind({ label: 'lead', config: noConfig, condition: ofType('lead_created') }),
  order: kind({ label: 'order', config: noConfig, condition: ofType('order') }),
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

/** The SQL condition of step `index` (parameters prefixed `s<index>_`). */
export function stepCondition(step: FunnelStep, index: number, ctx: StepContext): StepCondition {
  const k = STEP_KINDS[step.kind] as StepKind<z.ZodType>;
  return k.condition(step.config, `s${index}_`, ctx);
}

/** The event types rows meeting any of `conds` can have, as a bound array (sorted, each once). */
export function conditionTypes(conds: readonly StepCondition[], extra: readonly string[] = []): string[] {
  return [...new Set([...conds.map((c) => c.type), ...extra].filter((t): t is string => t !== null))].sort();
}

/**
 * SQL: a row's conditions met, as bits (condition i → bit i), worked out once per row. Testing
 * the conditions in each aggregate that needs them evaluated every path pattern several times,
 * most of a report's scan.
 */
export function conditionBits(conds: readonly StepCondition[]): string {
  return `toUInt32(${conds.map((c, i) => `if(${c.sql}, ${2 ** i}, 0)`).join(' + ') || '0'})`;
}
