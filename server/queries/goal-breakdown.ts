import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { goalCondition } from '../contract/funnel-steps.ts';
import type { Goal, GoalDimension } from '../contract/goals.ts';
import { FIRST_VALUE } from './fragments/first-value.ts';
import type { Scope } from './fragments/report-scope.ts';

export interface GoalBreakdownRow {
  value: string;
  visitors: number;
  /** Per goal, in the order given: visitors of this value who completed it. */
  converted: number[];
}

/**
 * A source / campaign / country / device table with one column per goal: visitors under
 * each value (their first in the range, see FIRST_VALUE) and how many of them completed
 * each goal.
 */
export async function getGoalBreakdown(
  client: ClickHouseClient,
  scope: Scope,
  goals: Goal[],
  dimension: GoalDimension,
  limit = 100,
): Promise<GoalBreakdownRow[]> {
  const conds = goals.map((g, i) => goalCondition(g.definition, `g${i}_`));
  const params = Object.assign({}, scope.params, ...conds.map((c) => c.params), { limit }) as Scope['params'];
  return readRows(
    client,
    {
      query: `SELECT value, count() AS visitors,
                   [${goals.map((_, i) => `countIf(done[${i + 1}])`).join(', ')}] AS converted
            FROM (
              SELECT visitor_key, ${FIRST_VALUE[dimension]} AS value,
                     [${conds.map((c) => `countIf(${c.sql}) > 0`).join(', ')}] AS done
              FROM ${TABLES.events}
              WHERE ${scope.where}
              GROUP BY visitor_key
            )
            GROUP BY value
            ORDER BY visitors DESC, value
            LIMIT {limit:UInt32}`,
      query_params: params,
    },
    z.object({ value: col.text, visitors: col.int, converted: z.array(col.int) }),
  );
}
