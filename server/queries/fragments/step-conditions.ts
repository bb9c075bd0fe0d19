import { TABLES } from '../../../clickhouse/tables.ts';
import type { z } from 'zod';
import type { FunnelStep, STEP_KINDS, StepKindName } from '../../contract/funnel-steps.ts';
import type { Goal, GoalDefinition } from '../../contract/goals.ts';
import { likePattern } from '../../contract/page-pattern.ts';

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

/**
 * A goal's condition; also what the goal reports count. A page pattern is tested against the
 * site's distinct paths (migration 0044), not every page view: callers bind {siteId:String}.
 */
export function goalCondition(goal: GoalDefinition, prefix: string): StepCondition {
  if (goal.kind === 'page')
    return {
      sql: `(type = 'pageview' AND path IN (SELECT path FROM ${TABLES.sitePaths} WHERE site_id = {siteId:String} AND path ILIKE {${prefix}p:String}))`,
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

const ofType = (type: string) => () => ({ sql: `type = '${type}'`, params: {}, type });

type Condition<K extends StepKindName> = (
  config: z.infer<(typeof STEP_KINDS)[K]['config']>,
  prefix: string,
  ctx: StepContext,
) => StepCondition;

/** The condition an `events` row meets for each step kind, values bound under the step's prefix. */
const CONDITIONS: { [K in StepKindName]: Condition<K> } = {
  page: (c, prefix) => goalCondition({ kind: 'page', pattern: c.pattern }, prefix),
  event: (c, prefix) => goalCondition({ kind: 'event', ...c }, prefix),
  goal: (c, prefix, ctx) => {
    const goal = ctx.goals.get(c.goalId);
    // A deleted goal's step matches nothing rather than failing the whole funnel.
    return goal ? goalCondition(goal.definition, prefix) : { sql: '0', params: {}, type: null };
  },
  invitation_shown: ofType('invite_shown'),
  invitation_accepted: ofType('invite_accepted'),
  chat: ofType('chat_started'),
  // A web call someone answered: a missed or still-ringing call is no engagement.
  called: ofType('call_answered'),
  lead: ofType('lead_created'),
  order: ofType('order'),
};

/** The SQL condition of step `index` (parameters prefixed `s<index>_`). */
export function stepCondition(step: FunnelStep, index: number, ctx: StepContext): StepCondition {
  const condition = CONDITIONS[step.kind] as (config: unknown, prefix: string, ctx: StepContext) => StepCondition;
  return condition(step.config, `s${index}_`, ctx);
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
