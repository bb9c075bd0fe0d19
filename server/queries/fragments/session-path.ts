import { TABLES } from '../../../clickhouse/tables.ts';
import { PAGE_VIEW, pathOf, viewsInclude } from './page-view.ts';
import type { Scope } from './report-scope.ts';
import { sessionQuartersOf, sessionRollupServes } from './scope-visitors.ts';

// Where a report reads each session's page views: over whole quarters and without a tag filter
// from session_quarters (migration 0046: each row's page views as PAGE_VIEW values, ~1 row per
// session and quarter), else from the range's page views. At 30M events, 30 days, 3-page runs
// took 448 against 898 ms p50, exit pages 435 against 748 (bench/RESULTS.md, "Session paths
// from the session rollup"). Both give the same values, so the same answers.

/** SQL: the scope's session_quarters rows with a page view, when sessionRollupServes(scope); `join` an ARRAY JOIN of theirs. */
export const sessionRollupRows = (scope: Scope & { sessionKeyFilters: string }, join = '') =>
  `FROM ${TABLES.sessionQuarters} ${join}
   WHERE ${sessionQuartersOf(scope)} AND pageviews > 0`;

/**
 * SQL: one row per session with a page view in the scope, `p` its pages' path hashes in time
 * order, consecutive repeats of one page (reloads, in-page navigation) counted once. One array
 * per session instead of a self-join keeps a journey one pass whatever its length. Pages are
 * hashes until grouped; PATH_NAMES names them after grouping.
 *
 * With `through` (SQL, a path hash), only the sessions that viewed that page: a report about one
 * page's neighbours needs no other, and grouping every session was its cost (at 30M events, 30
 * days, 330,756 of 1,977,149 sessions viewed /pricing; bench/RESULTS.md, "Journeys: only the
 * sessions through the page"). The set is read from the same rows, so it keeps the same sessions.
 * Only without filters: a filter keeps fewer sessions already, and the set cost what it saved
 * under country + device (1.04–1.09 of the time side by side) or ran a session filter's
 * sub-query again (1.89).
 */
export function sessionPaths(scope: Scope, through?: string): string {
  const pages = (views: string) => `arrayCompact(arrayMap(v -> ${pathOf('v')}, arraySort(${views}))) AS p`;
  const page = scope.columnFilters === '1' && !scope.sessionFiltered ? through : undefined;
  if (!sessionRollupServes(scope)) {
    const views = `FROM ${TABLES.events} WHERE ${scope.where} AND type = 'pageview'`;
    const only = page ? ` AND session_key IN (SELECT session_key ${views} AND cityHash64(path) = ${page})` : '';
    return `SELECT ${pages(`groupArray(${PAGE_VIEW})`)}
            ${views}${only}
            GROUP BY session_key`;
  }
  const only = page
    ? ` AND session_key IN (SELECT session_key ${sessionRollupRows(scope)} AND ${viewsInclude('pages', page)})`
    : '';
  return `SELECT ${pages('groupArrayArray(pages)')} ${sessionRollupRows(scope)}${only} GROUP BY session_key`;
}

/**
 * SQL: one row per session with a page view in the scope: `visitor_key` (its least, as the
 * overview's tiles take it) and the path hashes of its first and last page view (`entry_hash`,
 * `exit_hash`), a min and max without sorting.
 */
export function sessionEnds(scope: Scope): string {
  if (!sessionRollupServes(scope))
    return `SELECT session_key, min(visitor_key) AS visitor_key,
                   ${pathOf(`min(${PAGE_VIEW})`)} AS entry_hash, ${pathOf(`max(${PAGE_VIEW})`)} AS exit_hash
            FROM ${TABLES.events} WHERE ${scope.where} AND type = 'pageview'
            GROUP BY session_key`;
  return `SELECT session_key, min(visitor_key) AS visitor_key,
                 ${pathOf('min(arrayMin(pages))')} AS entry_hash, ${pathOf('max(arrayMax(pages))')} AS exit_hash
          ${sessionRollupRows(scope)} GROUP BY session_key`;
}

/**
 * SQL: one row per path hash (`hash`) with a page view in the scope and its page views (`views`),
 * from the rows sessionEnds reads: the rollup's pages hold every page view of their rows (at 30M
 * events, 30 days: 137 against 199 ms p50 from the events, the same counts).
 */
export function pathViews(scope: Scope): string {
  if (!sessionRollupServes(scope))
    return `SELECT cityHash64(path) AS hash, count() AS views FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'pageview' GROUP BY hash`;
  return `SELECT ${pathOf('v')} AS hash, count() AS views ${sessionRollupRows(scope, 'ARRAY JOIN pages AS v')} GROUP BY hash`;
}

/** SQL for a WITH clause: `names`, the site's paths by their cityHash64, as a Map(UInt64, String). */
export const PATH_NAMES = `(SELECT CAST((groupArray(cityHash64(path)), groupArray(path)), 'Map(UInt64, String)')
         FROM ${TABLES.sitePaths} WHERE site_id = {siteId:String}) AS names`;
