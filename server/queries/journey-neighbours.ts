import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Scope } from './fragments/report-scope.ts';
import type { NeighbourSide } from '../contract/journeys.ts';
import { PATH_NAMES, sessionPaths } from './fragments/session-path.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface NeighbourRow {
  side: NeighbourSide;
  /** A page, or null for the session's edge: its entrance (before) or its exit (after). */
  path: string | null;
  sessions: number;
}

export interface JourneyNeighbours {
  /** Sessions of the range that viewed the chosen page: the base of every share. */
  sessions: number;
  rows: NeighbourRow[];
}

/**
 * The pages viewed right before and right after `page` in the same session, per session: a
 * session that came to the page twice from two pages counts under both, once each, so the
 * shares of one side may add up past 100 %. The edge row comes back as the tuple (side, 1, 0)
 * and one ('total', 0, 0) row per session carries the base count through the same pass (pages
 * are path hashes until grouped: sessionPaths).
 */
export async function getJourneyNeighbours(
  client: ClickHouseClient,
  scope: Scope,
  page: string,
  limit = 50,
): Promise<JourneyNeighbours> {
  const rows = await readRows(
    client,
    {
      query: `WITH ${PATH_NAMES}, cityHash64({page:String}) AS chosen
              SELECT step.1 AS side, step.2 AS edge, names[step.3] AS path, count() AS sessions
              FROM (
                ${sessionPaths(scope, 'cityHash64({page:String})')}
                HAVING has(p, chosen)
              )
              ARRAY JOIN arrayDistinct(arrayConcat([('total', 0, toUInt64(0))], arrayFlatten(arrayMap(
                i -> [
                  if(i = 1, ('before', 1, toUInt64(0)), ('before', 0, p[i - 1])),
                  if(i = length(p), ('after', 1, toUInt64(0)), ('after', 0, p[i + 1]))
                ],
                arrayFilter(i -> p[i] = chosen, arrayEnumerate(p))
              )))) AS step
              GROUP BY side, edge, step.3
              ORDER BY sessions DESC, side, edge DESC, path
              LIMIT {limit:UInt32} BY side`,
      query_params: { ...scope.params, page, limit },
    },
    z.object({ side: col.text, edge: col.int, path: col.text, sessions: col.int }),
  );
  return {
    sessions: rows.find((r) => r.side === 'total')?.sessions ?? 0,
    rows: rows.flatMap((r) =>
      r.side === 'before' || r.side === 'after'
        ? [{ side: r.side, path: r.edge ? null : r.path, sessions: r.sessions }]
        : [],
    ),
  };
}
