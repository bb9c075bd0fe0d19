import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface PageRow {
  value: string;
  visitors: number;
  pageviews: number;
}

/** Most viewed pages: page views and distinct visitors per path. */
export async function getTopPages(client: ClickHouseClient, scope: Scope, limit = 100): Promise<PageRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT path AS value, uniqExact(visitor_key) AS visitors, count() AS pageviews
            FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'pageview'
            GROUP BY path
            ORDER BY pageviews DESC, value
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, visitors: col.int, pageviews: col.int }),
  );
  return rows;
}
