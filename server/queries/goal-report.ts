import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { conditionBits, conditionTypes, goalCondition } from './fragments/step-conditions.ts';
import type { Goal } from '../contract/goals.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { scopeVisitors } from './fragments/scope-visitors.ts';

export interface GoalReportRow {
  goalId: string;
  /** Events that met the goal. */
  completions: number;
  /** Visitors with at least one completion. */
  visitors: number;
  /** Orders that followed: same visitor id, after their first completion, both in the range. */
  orders: number;
  revenue: Money[];
}

export interface GoalReport {
  /** Visitors in the range under the filters: the conversion rate's base. */
  visitors: number;
  rows: GoalReportRow[];
}

/**
 * Every goal's completions, converted visitors and the orders that followed, in one pass
 * over the range: per visitor, each goal's completion count and first completion time and
 * the visitor's orders; then per goal, the orders placed after that first completion.
 */
export async function getGoalReport(client: ClickHouseClient, scope: Scope, goals: Goal[]): Promise<GoalReport> {
  if (goals.length === 0) return { visitors: 0, rows: [] };
  const conds = goals.map((g, i) => goalCondition(g.definition, `g${i}_`));
  const params = Object.assign({}, scope.params, ...conds.map((c) => c.params)) as Scope['params'];
  const after = 'arrayFilter(o -> o.1 > first_at[idx], visitor_orders)';
  const rows = await readRows(
    client,
    {
      query: `SELECT idx, sum(done[idx]) AS completions, countIf(done[idx] > 0) AS visitors,
                   sumIf(length(${after}), done[idx] > 0) AS orders,
                   ${sumByCurrencySql(`groupArrayArrayIf(arrayMap(o -> (o.3, o.2), ${after}), done[idx] > 0)`)} AS revenue,
                   ${scopeVisitors(scope)} AS total
            FROM (
              SELECT visitor_key,
                     [${conds.map((_, i) => `countIf(bitTest(m, ${i}))`).join(', ')}] AS done,
                     [${conds.map((_, i) => `minIf(ts, bitTest(m, ${i}))`).join(', ')}] AS first_at,
                     groupArrayIf((ts, toFloat64(revenue), toString(currency)), type = 'order') AS visitor_orders
              FROM (
                SELECT visitor_key, ts, type, revenue, currency, ${conditionBits(conds)} AS m
                FROM ${TABLES.events}
                WHERE ${scope.where} AND type IN {goalTypes:Array(String)}
              )
              WHERE m > 0 OR type = 'order'
              GROUP BY visitor_key
            )
            ARRAY JOIN arrayEnumerate(done) AS idx
            GROUP BY idx
            ORDER BY idx`,
      query_params: { ...params, goalTypes: conditionTypes(conds, ['order']) },
    },
    z.object({
      idx: col.int,
      completions: col.int,
      visitors: col.int,
      orders: col.int,
      revenue: moneyColumn,
      total: col.int,
    }),
  );
  const byIdx = new Map(rows.map((r) => [r.idx, r]));
  return {
    visitors: rows[0]?.total ?? 0,
    rows: goals.map((g, i) => {
      const r = byIdx.get(i + 1);
      return {
        goalId: g.goalId,
        completions: r?.completions ?? 0,
        visitors: r?.visitors ?? 0,
        orders: r?.orders ?? 0,
        revenue: r?.revenue ?? [],
      };
    }),
  };
}
