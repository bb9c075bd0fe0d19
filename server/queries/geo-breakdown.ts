import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { GeoDrill, GeoLevel } from '../contract/geo.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { inWholeQuarters, QUARTERS_IN_RANGE } from './fragments/scope-visitors.ts';
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

const COUNTS = `countIf(type = 'pageview') AS pageviews,
               countIf(type = 'chat_started') AS chats,
               countIf(type = 'lead_created') AS leads,
               countIf(type = 'order') AS orders,
               ${sumByCurrencySql(`groupArrayIf((currency, toFloat64(revenue)), type = 'order')`)} AS revenue`;

/**
 * SQL of the breakdown. Countries over whole quarters with no filter take their distinct
 * visitors and sessions from the rollup session_quarters (migration 0045: every event
 * but orders, by country, ~1 row per session) and the range's live order events, as
 * scope-visitors.ts counts visitors; the counts still come from the events. At 30M events,
 * 30 days: ~533 → ~382 ms p50, the same figures. With a filter the events alone were as fast or
 * faster (a session filter's sub-query then ran three times: 325 → 530 ms), so filtered scopes,
 * regions and cities (which the rollup does not hold) read the events alone (bench/RESULTS.md).
 */
function geoSql(scope: Scope, drill: GeoDrill): string {
  const sql = LEVEL_SQL[drill.level];
  if (drill.level !== 'country' || !inWholeQuarters(scope) || scope.sessionKeyFilters !== '1')
    return `SELECT ${sql.place} AS place,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   ${COUNTS},
                   uniqExactIf(visitor_key, type = 'order') / visitors AS conversion
            FROM ${TABLES.events}
            WHERE ${scope.where} AND ${sql.within}
            GROUP BY place
            ORDER BY visitors DESC, place`;
  return `SELECT c.place AS place, v.visitors AS visitors, v.sessions AS sessions, c.pageviews AS pageviews,
                 c.chats AS chats, c.leads AS leads, c.orders AS orders, c.revenue AS revenue,
                 c.buyers / v.visitors AS conversion
          FROM (
            SELECT country AS place, ${COUNTS}, uniqExactIf(visitor_key, type = 'order') AS buyers
            FROM ${TABLES.events} WHERE ${scope.where} GROUP BY place
          ) AS c
          INNER JOIN (
            SELECT country AS place, uniqExact(visitor_key) AS visitors, uniqExact(session_key) AS sessions
            FROM (
              SELECT country, visitor_key, session_key FROM ${TABLES.sessionQuarters}
              WHERE site_id = {siteId:String}
                AND ${QUARTERS_IN_RANGE}
              UNION ALL
              SELECT country, visitor_key, session_key FROM ${TABLES.events} WHERE ${scope.where} AND type = 'order'
            )
            GROUP BY place
          ) AS v ON v.place = c.place
          ORDER BY visitors DESC, place`;
}

/** Traffic, conversations and orders per place at one drill-down level, most visitors first. */
export async function getGeoBreakdown(client: ClickHouseClient, scope: Scope, drill: GeoDrill): Promise<GeoRow[]> {
  const rows = await readRows(
    client,
    {
      query: geoSql(scope, drill),
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
