import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { Scope } from './fragments/report-scope.ts';
import { scopeVisitors } from './fragments/scope-visitors.ts';

export interface CustomEventRow {
  name: string;
  events: number;
  visitors: number;
}

export interface CustomEvents {
  /** Visitors in the range under the filters (as the Overview counts them): the rates' base. */
  visitors: number;
  rows: CustomEventRow[];
}

/**
 * Every custom event name of the range with its events and visitors. The base of the
 * conversion rate (visitors with the event / visitors) is a scalar sub-query of the same read.
 */
export async function getCustomEvents(client: ClickHouseClient, scope: Scope, limit = 500): Promise<CustomEvents> {
  const rows = await readRows(
    client,
    {
      query: `SELECT name, count() AS events, uniqExact(visitor_key) AS visitors,
                   ${scopeVisitors(scope)} AS total
            FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'custom'
            GROUP BY name
            ORDER BY events DESC, name
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ total: col.int, name: col.text, events: col.int, visitors: col.int }),
  );
  // No custom events, no rows: the base is then never shown, as there is no rate to show.
  return { visitors: rows[0]?.total ?? 0, rows: rows.map(({ total: _t, ...r }) => r) };
}
