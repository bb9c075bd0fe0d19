import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { PATH_NAMES, sessionEnds, sessionRollupRows } from './fragments/session-path.ts';
import { sessionRollupServes } from './fragments/scope-visitors.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SessionAttributeRow {
  value: string;
  visitors: number;
  sessions: number;
}

/**
 * What a session is attributed to, and the page-view column that names it: entry page, UTM
 * source and medium from its first page view of the range; source and campaign are the entry
 * values ingest stamps on each of its page views (server/ingest/session-entries.ts), what the
 * source and campaign filters match, so a filtered list shows the filter's value.
 */
export const SESSION_ATTRIBUTES = {
  entry: 'path',
  source: 'session_source',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'session_campaign',
} as const;
export type SessionAttribute = keyof typeof SESSION_ATTRIBUTES;

/** The session rollup's copies of the entry columns (migration 0047). */
const ENTRY_ROLLUP_COLUMNS: Partial<Record<SessionAttribute, string>> = { source: 'source', utm_campaign: 'campaign' };

/** SQL: sessions and visitors per value of an entry column, one row per session needing no grouping. */
function byEntryColumn(scope: Scope, attribute: SessionAttribute, rollupColumn: string): string {
  const from = sessionRollupServes(scope)
    ? `SELECT toString(${rollupColumn}) AS value, visitor_key, session_key ${sessionRollupRows(scope)}`
    : `SELECT toString(${SESSION_ATTRIBUTES[attribute]}) AS value, visitor_key, session_key FROM ${TABLES.events}
       WHERE ${scope.where} AND type = 'pageview'`;
  return `SELECT value, uniqExact(visitor_key) AS visitors, uniqExact(session_key) AS sessions
          FROM (${from})
          WHERE value != ''
          GROUP BY value
          ORDER BY sessions DESC, value
          LIMIT {limit:UInt32}`;
}

/**
 * Sessions and visitors per landing attribute (entry page, source, UTM tags); untagged sessions
 * are left out of UTM lists. Entry pages are the sessions' first page views as exit pages and
 * pairs take them (sessionEnds, which reads the session rollup when it serves the scope: at
 * 30M events, 30 days, 273 against 465 ms p50; bench/RESULTS.md, "Every query at 30M with the
 * session paths, and entry pages from the rollup"), so `entry`'s column here names the
 * dimension only. Source and campaign are counted
 * from the rollup when it serves the scope (bench/RESULTS.md, "Sources and campaigns from the
 * session rollup"); UTM source and medium are the range's first page view's.
 */
export async function getSessionAttribute(
  client: ClickHouseClient,
  scope: Scope,
  attribute: SessionAttribute,
  limit = 100,
): Promise<SessionAttributeRow[]> {
  const rollupColumn = ENTRY_ROLLUP_COLUMNS[attribute];
  const query =
    attribute === 'entry'
      ? `WITH ${PATH_NAMES}
         SELECT names[entry_hash] AS value, uniqExact(visitor_key) AS visitors, count() AS sessions
         FROM (${sessionEnds(scope)})
         GROUP BY entry_hash
         HAVING value != ''
         ORDER BY sessions DESC, value
         LIMIT {limit:UInt32}`
      : rollupColumn
        ? byEntryColumn(scope, attribute, rollupColumn)
        : `SELECT value, uniqExact(visitor) AS visitors, count() AS sessions
            FROM (
              SELECT session_key, any(visitor_key) AS visitor, argMin(${SESSION_ATTRIBUTES[attribute]}, ts) AS value
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'pageview'
              GROUP BY session_key
            )
            WHERE value != ''
            GROUP BY value
            ORDER BY sessions DESC, value
            LIMIT {limit:UInt32}`;
  const rows = await readRows(
    client,
    {
      query,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, visitors: col.int, sessions: col.int }),
  );
  return rows;
}
