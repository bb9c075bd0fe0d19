import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { GeoDrill, GeoLevel } from '../contract/geo.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface GeoRow {
  /** Country (ISO 3166-1 alpha-2), region (the subdivision part of ISO 3166-2) or city name; '' = unknown. */
  place: string;
  visitors: number;
  sessions: number;
  pageviews: number;
  chats: number;
  leads: number;
  orders: number;
  /** Order values summed per currency (currencies sorted); never added together. */
  revenue: Money[];
  /** Visitors who ordered / visitors: a repeat buyer counts once, like every conversion rate here. */
  conversion: number;
}

// The grouped column and the narrowing per level: the only SQL spliced in, from this fixed map.
const LEVEL_SQL: Record<GeoLevel, { place: string; within: string }> = {
  country: { place: 'country', within: '1' },
  region: { place: 'region', within: 'country = {gCountry:String}' },
  city: { place: 'city', within: 'country = {gCountry:String} AND region = {gRegion:String}' },
};

function drillParams(drill: GeoDrill): Record<string, string> {
  switch (drill.level) {
    case 'country':
      return {};
    case 'region':
      return { gCountry: drill.country };
    case 'city':
      return { gCountry: drill.country, gRegion: drill.region };
  }
}

/** Traffic, conversations and orders per place at one drill-down level, most visitors first. */
export async function getGeoBreakdown(client: ClickHouseClient, scope: Scope, drill: GeoDrill): Promise<GeoRow[]> {
  const sql = LEVEL_SQL[drill.level];
  const rows = await readRows(
    client,
    {
      query: `SELECT ${sql.place} AS place,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   countIf(type = 'pageview') AS pageviews,
                   countIf(type = 'chat_started') AS chats,
                   countIf(type = 'lead_created') AS leads,
                   countIf(type = 'order') AS orders,
                   ${sumByCurrencySql(`groupArrayIf((currency, toFloat64(revenue)), type = 'order')`)} AS revenue,
                   uniqExactIf(visitor_key, type = 'order') / visitors AS conversion
            FROM ${TABLES.events}
            WHERE ${scope.where} AND ${sql.within}
            GROUP BY place
            ORDER BY visitors DESC, place`,
      query_params: { ...scope.params, ...drillParams(drill) },
    },
    z.object({
      place: col.text,
      visitors: col.int,
      sessions: col.int,
      pageviews: col.int,
      chats: col.int,
      leads: col.int,
      orders: col.int,
      revenue: moneyColumn,
      conversion: col.float,
    }),
  );
  return rows;
}
