import { TABLES } from '../../../clickhouse/tables.ts';
import type { Scope } from './report-scope.ts';

const QUARTER_MS = 15 * 60_000;

/** SQL: a rollup row's quarter inside the scope's range (whole quarters: see inWholeQuarters). */
export const QUARTERS_IN_RANGE =
  'quarter >= toDateTime(intDiv({from:Int64}, 1000)) AND quarter < toDateTime(intDiv({to:Int64}, 1000))';

/** SQL, a WHERE condition: the scope's session_quarters rows, for a scope sessionRollupServes(). */
export const sessionQuartersOf = (scope: Scope & { sessionKeyFilters: string }) =>
  `site_id = {siteId:String} AND ${QUARTERS_IN_RANGE} AND ${scope.sessionKeyFilters}`;

/**
 * SQL, a scalar sub-query: the visitors of the scope (an event of the range under its filters),
 * as `uniqExact(visitor_key)` over `scope.where` counts them, the base of a conversion rate.
 *
 * Over whole quarters and without a tag filter, from the rollup session_quarters
 * (migration 0045: every event but orders, ~1 row per session) and the range's order events,
 * which the rollup leaves out as only live ones count. At 10M events, 30 days: ~0.7M rollup
 * rows instead of ~3.3M events. Any other scope reads the events.
 */
export function scopeVisitors(scope: Scope): string {
  if (!sessionRollupServes(scope)) return `(SELECT uniqExact(visitor_key) FROM ${TABLES.events} WHERE ${scope.where})`;
  return `(SELECT uniqExact(visitor_key) FROM (
            SELECT visitor_key FROM ${TABLES.sessionQuarters} WHERE ${sessionQuartersOf(scope)}
            UNION ALL
            SELECT visitor_key FROM ${TABLES.events} WHERE ${scope.where} AND type = 'order'))`;
}

/**
 * Whether session_quarters holds the scope's rows: a range of whole quarters and no tag filter
 * (tags name visitor ids, which the rollup does not keep); `scope.sessionKeyFilters` applies.
 */
export function sessionRollupServes(scope: Scope): scope is Scope & { sessionKeyFilters: string } {
  return inWholeQuarters(scope) && scope.sessionKeyFilters !== null;
}

/** Whether the scope's range is whole UTC quarter hours, the rollups' unit (a report range of whole local days is). */
export function inWholeQuarters(scope: Scope): boolean {
  return wholeQuarters(Number(scope.params['from']), Number(scope.params['to']));
}

/** Whether [from, to) (epoch ms) is whole UTC quarter hours. */
export const wholeQuarters = (from: number, to: number) => from % QUARTER_MS === 0 && to % QUARTER_MS === 0;
