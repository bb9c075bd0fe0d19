import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { conditionBits, conditionTypes, stepCondition, type StepContext } from './fragments/step-conditions.ts';
import type { FunnelBreakdown, FunnelDefinition } from '../contract/funnels.ts';
import { funnelStartValue } from './fragments/funnel-start-value.ts';
import { SITE_AND_TIME, type Scope } from './fragments/report-scope.ts';

export interface FunnelRow {
  /** The breakdown value ('' without a breakdown). */
  value: string;
  /** Visitors who reached each step (step 1 first; each at most the one before). */
  reached: number[];
  /** Median ms from step i to step i+1 (length steps − 1; 0 when nobody made that move; even counts: the mean of the middle two). */
  medianMs: number[];
}

// A session funnel has no time limit inside the session: windowFunnel still needs one.
const SESSION_WINDOW_S = 10 * 365 * 86_400;

/**
 * A custom funnel of the range under the filters, per visitor.
 *
 * Steps reached come from ClickHouse's windowFunnel: per visitor (days mode) or per session
 * (session mode, the visitor then counts at their furthest session), the longest ordered
 * chain of steps whose last is within the window of its first, trying every first step.
 *
 * windowFunnel gives no times, so the time between steps is read from the chain a second,
 * greedy walk finds (arrayFold over the unit's events in time order: a step-1 event starts
 * it, each next step is that step's first event after the step before, inside the window;
 * an unfinished chain whose window ran out starts again at the next step-1 event). For a
 * session there is no window and both agree; in days mode the greedy chain can be shorter
 * than windowFunnel's (a restart may drop a longer chain that ran out), and then only the
 * moves it made count towards the medians.
 */
export async function getCustomFunnel(
  client: ClickHouseClient,
  scope: Scope,
  funnel: FunnelDefinition,
  ctx: StepContext,
  breakdown: FunnelBreakdown = 'none',
): Promise<FunnelRow[]> {
  const n = funnel.steps.length;
  const conds = funnel.steps.map((s, i) => stepCondition(s, i, ctx));
  const session = funnel.windowMode === 'session';
  const windowMs = session ? SESSION_WINDOW_S * 1000 : funnel.windowDays * 86_400_000;
  const params = Object.assign({}, scope.params, ...conds.map((c) => c.params), {
    windowS: windowMs / 1000,
    windowMs,
  }) as Scope['params'];
  const { sql: value, withViews } = funnelStartValue(
    breakdown,
    session ? 'session' : 'visitor',
    conds[0]?.type ?? null,
  );
  const stepBits = conds.map((_, i) => `bitTest(m, ${i})`).join(', ');
  const unit = session ? 'visitor_key, session_key' : 'visitor_key';
  // Only a unit with a step-2 event can pass step 1; for the others (~9 in 10 at 30M events)
  // the level is whether they took step 1, and windowFunnel and the chain's array keep no events
  // of theirs (bench/RESULTS.md, "Funnels that follow only the units that can pass step 1").
  // The units are those with a step-2 event in the range, filters aside: a few more than needed,
  // but the filters' sub-queries are not run twice.
  const unitKey = session ? 'session_key' : 'visitor_key';
  const goesOn = conds[1]?.type
    ? `${unitKey} IN (SELECT ${unitKey} FROM ${TABLES.events} WHERE ${SITE_AND_TIME} AND type = {goOnType:String} AND ${conds[1].sql})`
    : '0';
  // Within a session, step 1 is counted apart unless a filter keeps whole sessions: one row per
  // visitor who took it, and only the sessions that go on are grouped with their arrays; grouping
  // every session (~1.1M at 30M events, 30 days) with those states cost more than a second scan of
  // the step-1 events. Within N days the visitors who go on are many more, and a filter's
  // sub-queries would run twice: both cost more than they saved (bench/RESULTS.md, "Funnels that
  // count step 1 apart"). Nor for a session funnel broken down: a visitor counts under the value of
  // their furthest session, which needs every session's level.
  const apart = session && breakdown === 'none' && !scope.sessionFiltered;
  // A step-1 event starts the chain when there is none yet or the unfinished one ran out of window.
  // Each event is packed into one Int64 (ms × 256 + its step bits, at most 8 steps): a unit's
  // events in one plain array sort natively, where an array of tuples cost ~250 ms at 10M events.
  // Only a unit that windowFunnel saw take step 2 can make a chain of two, so only those fold.
  const chain = `if(u_level >= 2,
                   arrayFold((acc, p) -> if(bitTest(p % 256, 0) AND (length(acc) = 0 OR (length(acc) < ${n} AND intDiv(p, 256) - acc[1] > {windowMs:Int64})), [intDiv(p, 256)],
                     if(length(acc) > 0 AND length(acc) < ${n} AND bitTest(p % 256, length(acc)) AND intDiv(p, 256) - acc[1] <= {windowMs:Int64}, arrayPushBack(acc, intDiv(p, 256)), acc)),
                   arraySort(groupArrayIf(toUnixTimestamp64Milli(ts) * 256 + m, m > 0 AND goes_on)), CAST([], 'Array(Int64)')),
                   CAST([], 'Array(Int64)'))`;
  // Within N days the unit is the visitor already: no second grouping. Within a session, of a
  // visitor's sessions that tie, the earliest gives the chain and the value: without the tie-break
  // the pick (and so a median) changed from one run to the next. Only sessions that can win take
  // part (a chain of none, a value of a session below step 1 never does): most sessions have no
  // chain, and leaving them out took the one-session funnel at 10M from ~325 to ~270 ms.
  const perVisitor = session
    ? `max(u_level) AS level, argMaxIf(u_chain, (length(u_chain), -u_chain[1]), length(u_chain) > 0) AS chain, ${breakdown === 'none' ? "''" : 'argMaxIf(u_value, (u_level, -u_start), u_level >= 1)'} AS value`
    : 'u_level AS level, u_chain AS chain, u_value AS value';
  const goingOn = `SELECT visitor_key, ${perVisitor}
              FROM (
                SELECT ${unit},
                       greatest(windowFunnelIf({windowS:UInt64})(toDateTime(ts), ${stepBits}, goes_on), max(bitTest(m, 0))) AS u_level,
                       ${chain} AS u_chain,
                       ${value} AS u_value${session && breakdown !== 'none' ? ', min(toUnixTimestamp64Milli(ts)) AS u_start' : ''}
                FROM (
                  SELECT visitor_key, session_key, ts, type, session_source, session_campaign, country, device, ${conditionBits(conds)} AS m, ${apart ? '1' : goesOn} AS goes_on
                  FROM ${TABLES.events}
                  WHERE ${scope.where} AND type IN {stepTypes:Array(String)}${apart ? ` AND ${goesOn}` : ''}
                )
                WHERE m > 0${withViews ? " OR type = 'pageview'" : ''}
                GROUP BY ${unit}
              )
              ${session ? 'GROUP BY visitor_key' : ''}`;
  // Every visitor who took step 1 (a funnel counted apart is not broken down).
  const starters = `SELECT '' AS value FROM ${TABLES.events}
              WHERE ${scope.where} AND type IN {startTypes:Array(String)} AND ${conds[0]?.sql ?? '0'}
              GROUP BY visitor_key`;
  const visitors = apart
    ? `SELECT value, 1 AS starter, 0 AS level, CAST([], 'Array(Int64)') AS chain FROM (${starters})
       UNION ALL
       SELECT value, 0 AS starter, level, chain FROM (${goingOn}) WHERE level >= 2`
    : `SELECT value, 1 AS starter, level, chain FROM (${goingOn}) WHERE level >= 1`;
  const rows = await readRows(
    client,
    {
      query: `SELECT value,
                   [${['countIf(starter)', ...conds.slice(1).map((_, i) => `countIf(level >= ${i + 2})`)].join(', ')}] AS reached,
                   [${conds
                     .slice(1)
                     .map(
                       (_, i) =>
                         `quantileExactInclusiveIf(0.5)(chain[${i + 2}] - chain[${i + 1}], length(chain) >= ${i + 2})`,
                     )
                     .join(', ')}] AS median_ms
            FROM (${visitors})
            GROUP BY value
            ORDER BY reached[1] DESC, value
            LIMIT 100`,
      query_params: {
        ...params,
        stepTypes: conditionTypes(conds, withViews ? ['pageview'] : []),
        startTypes: conditionTypes(conds.slice(0, 1)),
        goOnType: conds[1]?.type ?? '',
      },
    },
    z.object({ value: col.text, reached: z.array(col.int), median_ms: z.array(col.float) }),
  );
  return rows.map((r) => ({ value: r.value, reached: r.reached, medianMs: r.median_ms.map((m) => Math.round(m)) }));
}
