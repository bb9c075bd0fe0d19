import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { GeoDrill, GeoLevel } from '../contract/geo.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { sessionQuartersOf, sessionRollupServes } from './fragments/scope-visitors.ts';
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

// What both paths count from the events themselves.
const COUNTS = `countIf(type = 'chat_started') AS chats,
               countIf(type = 'lead_created') AS leads,
               countIf(type = 'order') AS orders,
               ${sumByCurrencySql(`groupArrayIf((currency, toFloat64(revenue)), type = 'order')`)} AS revenue`;

/**
 * SQL of the breakdown. Countries over whole quarters without a tag filter read the rollup
 * session_quarters (migration 0045: every event but orders by country, ~1 row per session
 * and quarter, with its page views) beside the range's chats, leads and live orders, which
 * the sort key's `type` keeps apart: the range's other events are never read. A chat or lead
 * event's visitor and session are in the rollup already, so counting them again changes
 * nothing; an order's may not be. At 30M events, 30 days, side by side with the rollup for
 * visitors and sessions and every event for the counts: 0.80 of the time p50 (0.47 and 0.79
 * under filters), the same figures (bench/RESULTS.md, "Geography's counts from the session
 * rollup"). Regions and cities, which the rollup does not hold, read the events.
 */
function geoSql(scope: Scope, drill: GeoDrill): string {
  const sql = LEVEL_SQL[drill.level];
  if (drill.level !== 'country' || !sessionRollupServes(scope))
    return `SELECT ${sql.place} AS place,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   countIf(type = 'pageview') AS pageviews,
                   ${COUNTS},
                   uniqExactIf(visitor_key, type = 'order') / visitors AS conversion
            FROM ${TABLES.events}
            WHERE ${scope.where} AND ${sql.within}
            GROUP BY place
            ORDER BY visitors DESC, place`;
  return `SELECT country AS place,
                 uniqExact(visitor_key) AS visitors,
                 uniqExact(session_key) AS sessions,
                 sum(views) AS pageviews,
                 ${COUNTS},
                 uniqExactIf(visitor_key, type = 'order') / visitors AS conversion
          FROM (
            SELECT country, visitor_key, session_key, pageviews AS views, '' AS type, '' AS currency,
                   toDecimal64(0, 2) AS revenue
            FROM ${TABLES.sessionQuarters} WHERE ${sessionQuartersOf(scope)}
            UNION ALL
            SELECT country, visitor_key, session_key, 0, type, currency, revenue FROM ${TABLES.events}
            WHERE ${scope.where} AND type IN ('chat_started', 'lead_created', 'order')
          )
          GROUP BY place
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
