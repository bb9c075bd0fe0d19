import { TABLES } from '../../../clickhouse/tables.ts';
import { EVENT_ORDER } from './event-order.ts';
import type { Scope } from './report-scope.ts';
import { QUARTERS_IN_RANGE, sessionRollupServes } from './scope-visitors.ts';

/** SQL: the path hash a session_quarters page view (entry_view, exit_view) keeps in its low 64 bits. */
const pathOfView = (view: string) => `toUInt64(bitAnd(${view}, toUInt256(18446744073709551615)))`;

/**
 * SQL: one row per session with a page view in the scope: `session_key`, `visitor_key` (its
 * least, as the overview's tiles take it), and the cityHash64 of its first and last page
 * view's path (`entry_hash`, `exit_hash`; by time, the event id breaking ties).
 *
 * Over whole quarters and without a tag filter, from session_quarters (migration 0046: each
 * row's first and last page view as one ordered integer), ~1 row per session and quarter; at
 * 30M events, 30 days, exit pages took 468 against 696 ms p50 and pairs 339 against 879 (bench/
 * RESULTS.md, "Exit pages and pairs from the session rollup"). Any other scope reads the
 * range's page views.
 */
export function sessionEnds(scope: Scope): string {
  if (!sessionRollupServes(scope))
    return `SELECT session_key, min(visitor_key) AS visitor_key,
                   argMin(cityHash64(path), ${EVENT_ORDER}) AS entry_hash,
                   argMax(cityHash64(path), ${EVENT_ORDER}) AS exit_hash
            FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'pageview'
            GROUP BY session_key`;
  return `SELECT session_key, min(visitor_key) AS visitor_key,
                 ${pathOfView('min(entry_view)')} AS entry_hash, ${pathOfView('max(exit_view)')} AS exit_hash
          FROM ${TABLES.sessionQuarters}
          WHERE site_id = {siteId:String} AND ${QUARTERS_IN_RANGE} AND ${scope.sessionKeyFilters} AND pageviews > 0
          GROUP BY session_key`;
}
