import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { SOURCE_EXPR, type Scope } from './fragments/report-scope.ts';
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

/** Sessions and visitors per landing attribute (entry page, source, UTM tags); untagged sessions are left out of UTM lists. */
export async function getSessionAttribute(
  client: ClickHouseClient,
  scope: Scope,
  attribute: SessionAttribute,
  limit = 100,
): Promise<SessionAttributeRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT value, uniqExact(visitor) AS visitors, count() AS sessions
            FROM (
              SELECT session_key, any(visitor_key) AS visitor, argMin(${SESSION_ATTRIBUTES[attribute]}, ts) AS value
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'pageview'
              GROUP BY session_key
            )
            WHERE value != ''
            GROUP BY value
            ORDER BY sessions DESC, value
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, visitors: col.int, sessions: col.int }),
  );
  return rows;
}
