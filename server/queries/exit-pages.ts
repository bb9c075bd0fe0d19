import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Scope } from './fragments/report-scope.ts';
import { PATH_NAMES, pathViews, sessionEnds } from './fragments/session-path.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ExitPageRow {
  value: string;
  /** Sessions whose last page view of the range was this path. */
  exits: number;
  visitors: number;
  /** Every page view of the path in the range: exits ÷ pageviews is its exit rate. */
  pageviews: number;
}

/**
 * Where sessions left: a session's exit is its last page view of the range (by time, the
 * path's hash breaking ties: PAGE_VIEW), as Umami and Plausible count it. A session running
 * on past the range's end exits, for this range, at its last page view inside it.
 *
 * Paths are their cityHash64 until grouped, named afterwards (PATH_NAMES), as the journeys do
 * (bench/RESULTS.md, "Exit pages and pairs by path hashes"); sessionEnds says where a session's
 * last page view is read from, pathViews each path's page views.
 */
export async function getExitPages(client: ClickHouseClient, scope: Scope, limit = 100): Promise<ExitPageRow[]> {
  return readRows(
    client,
    {
      query: `WITH ${PATH_NAMES}
              SELECT names[exit_hash] AS value, count() AS exits, uniqExact(visitor_key) AS visitors,
                     any(views) AS pageviews
              FROM (${sessionEnds(scope)}) AS s
              LEFT JOIN (${pathViews(scope)}) AS p ON p.hash = s.exit_hash
              GROUP BY exit_hash
              ORDER BY exits DESC, value
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, exits: col.int, visitors: col.int, pageviews: col.int }),
  );
}
