import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface VisitorAttributeRow {
  value: string;
  visitors: number;
  pageviews: number;
}

/** Columns a visitor carries on every event (from IP and user agent). */
export const VISITOR_ATTRIBUTES = { country: 'country', device: 'device', browser: 'browser', os: 'os' } as const;
export type VisitorAttribute = keyof typeof VISITOR_ATTRIBUTES;

export async function getVisitorAttribute(
  client: ClickHouseClient,
  scope: Scope,
  attribute: VisitorAttribute,
  limit = 100,
): Promise<VisitorAttributeRow[]> {
  const column = VISITOR_ATTRIBUTES[attribute];
  const rows = await readRows(
    client,
    {
      query: `SELECT ${column} AS value, uniqExact(visitor_key) AS visitors, countIf(type = 'pageview') AS pageviews
            FROM ${TABLES.events}
            WHERE ${scope.where}
            GROUP BY value
            ORDER BY visitors DESC, value
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, visitors: col.int, pageviews: col.int }),
  );
  return rows;
}
