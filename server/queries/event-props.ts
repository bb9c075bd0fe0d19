import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { Scope } from './fragments/report-scope.ts';

export interface EventPropRow {
  key: string;
  value: string;
  events: number;
  visitors: number;
}

/** One custom event's props: each key → value with its events and visitors, busiest values first per key. */
export async function getEventProps(
  client: ClickHouseClient,
  scope: Scope,
  eventName: string,
  perKey = 50,
): Promise<EventPropRow[]> {
  return readRows(
    client,
    {
      query: `SELECT key, value, count() AS events, uniqExact(visitor_key) AS visitors
            FROM ${TABLES.events}
            ARRAY JOIN mapKeys(props) AS key, mapValues(props) AS value
            WHERE ${scope.where} AND type = 'custom' AND name = {eventName:String}
            GROUP BY key, value
            ORDER BY key, events DESC, value
            LIMIT {perKey:UInt32} BY key`,
      query_params: { ...scope.params, eventName, perKey },
    },
    z.object({ key: col.text, value: col.text, events: col.int, visitors: col.int }),
  );
}
