import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { EVENT_ORDER } from './fragments/event-order.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface EntryExitRow {
  entry: string;
  exit: string;
  sessions: number;
  visitors: number;
}

/**
 * Entry → exit pairs: each session's first and last page view of the range (ties broken by
 * event id), counted per pair. A one-page session pairs its page with itself.
 */
export async function getEntryExitPairs(client: ClickHouseClient, scope: Scope, limit = 100): Promise<EntryExitRow[]> {
  return readRows(
    client,
    {
      query: `SELECT entry, exit, count() AS sessions, uniqExact(visitor_key) AS visitors
              FROM (
                SELECT session_key, any(visitor_key) AS visitor_key,
                       argMin(path, ${EVENT_ORDER}) AS entry, argMax(path, ${EVENT_ORDER}) AS exit
                FROM ${TABLES.events}
                WHERE ${scope.where} AND type = 'pageview'
                GROUP BY session_key
              )
              GROUP BY entry, exit
              ORDER BY sessions DESC, entry, exit
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ entry: col.text, exit: col.text, sessions: col.int, visitors: col.int }),
  );
}
