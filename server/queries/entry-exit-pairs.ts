import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Scope } from './fragments/report-scope.ts';
import { PATH_NAMES, sessionEnds } from './fragments/session-path.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface EntryExitRow {
  entry: string;
  exit: string;
  sessions: number;
  visitors: number;
}

/**
 * Entry → exit pairs: each session's first and last page view of the range (in PAGE_VIEW's
 * order), counted per pair. A one-page session pairs its page with itself. Paths are
 * hashed until grouped, as in exit pages; sessionEnds says where the ends are read from.
 */
export async function getEntryExitPairs(client: ClickHouseClient, scope: Scope, limit = 100): Promise<EntryExitRow[]> {
  return readRows(
    client,
    {
      query: `WITH ${PATH_NAMES}
              SELECT names[entry_hash] AS entry, names[exit_hash] AS exit, count() AS sessions,
                     uniqExact(visitor_key) AS visitors
              FROM (${sessionEnds(scope)})
              GROUP BY entry_hash, exit_hash
              ORDER BY sessions DESC, entry, exit
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ entry: col.text, exit: col.text, sessions: col.int, visitors: col.int }),
  );
}
