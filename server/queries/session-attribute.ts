import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { SOURCE_EXPR, type Scope } from './fragments/report-scope.ts';
import { PATH_NAMES, sessionEnds } from './fragments/session-path.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SessionAttributeRow {
  value: string;
  visitors: number;
  sessions: number;
}

/** What a session is attributed to: taken from its first page view (landing). */
export const SESSION_ATTRIBUTES = {
  entry: 'path',
  source: SOURCE_EXPR,
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
} as const;
export type SessionAttribute = keyof typeof SESSION_ATTRIBUTES;

/**
 * Sessions and visitors per landing attribute (entry page, source, UTM tags); untagged sessions
 * are left out of UTM lists. Entry pages are the sessions' first page views as exit pages and
 * pairs take them (sessionEnds, which reads the session rollup when it serves the scope: at
 * 30M events, 30 days, 273 against 465 ms p50; bench/RESULTS.md, "Every query at 30M with the
 * session paths, and entry pages from the rollup"), so `entry`'s column here names the
 * dimension only.
 */
export async function getSessionAttribute(
  client: ClickHouseClient,
  scope: Scope,
  attribute: SessionAttribute,
  limit = 100,
): Promise<SessionAttributeRow[]> {
  const query =
    attribute === 'entry'
      ? `WITH ${PATH_NAMES}
         SELECT names[entry_hash] AS value, uniqExact(visitor_key) AS visitors, count() AS sessions
         FROM (${sessionEnds(scope)})
         GROUP BY entry_hash
         HAVING value != ''
         ORDER BY sessions DESC, value
         LIMIT {limit:UInt32}`
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
