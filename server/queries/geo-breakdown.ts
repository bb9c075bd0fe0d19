import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';

export const GEO_LEVELS = { country: 'country', region: 'region', city: 'city' } as const;
export type GeoLevel = keyof typeof GEO_LEVELS;

export interface GeoRow {
  place: string;
  visitors: number;
  sessions: number;
  pageviews: number;
  chats: number;
  leads: number;
  orders: number;
  revenue: number;
  /** Visitors who ordered / visitors. */
  conversion: number;
}

/** Visitors, conversations and orders per country, per region of a country, or per city of a region. */
export async function getGeoBreakdown(client: ClickHouseClient, scope: Scope, level: GeoLevel, within: { country?: string; region?: string }): Promise<GeoRow[]> {
  const result = await client.query({
    query: `SELECT ${GEO_LEVELS[level]} AS place,
                   uniqExact(visitor_key) AS visitors,
                   uniqExact(session_key) AS sessions,
                   countIf(type = 'pageview') AS pageviews,
                   countIf(type = 'chat_started') AS chats,
                   countIf(type = 'lead_created') AS leads,
                   countIf(type = 'order') AS orders,
                   toFloat64(sumIf(revenue, type = 'order')) AS revenue,
                   uniqExactIf(visitor_key, type = 'order') / uniqExact(visitor_key) AS conversion
            FROM ${TABLES.events}
            WHERE ${scope.where}
              AND ({gCountry:String} = '' OR country = {gCountry:String})
              AND ({gRegion:String} = '' OR region = {gRegion:String})
            GROUP BY place
            ORDER BY visitors DESC, place`,
    query_params: { ...scope.params, gCountry: within.country ?? '', gRegion: within.region ?? '' },
    format: 'JSONEachRow',
  });
  return (await result.json<Record<keyof GeoRow, string>>()).map((r) => ({
    place: r.place,
    visitors: Number(r.visitors),
    sessions: Number(r.sessions),
    pageviews: Number(r.pageviews),
    chats: Number(r.chats),
    leads: Number(r.leads),
    orders: Number(r.orders),
    revenue: Number(r.revenue),
    conversion: Number(r.conversion),
  }));
}
