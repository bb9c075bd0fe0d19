import type { RouterOutputs } from '@/app/_lib/trpc';
import type { GeoDrill } from '@/server/contract/geo';

type GeoRow = RouterOutputs['geo']['breakdown']['rows'][number];

// The screen's own state in the URL, next to the page-wide report state (range, filters),
// so a reload or a shared link lands on the same map and drill-down. `geoCountry` is not
// `country`: that name is the page-wide filter, which narrows every report.

export const MAP_METRICS = ['visitors', 'chats', 'leads', 'orders', 'conversion'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];
/** Counts and rates; revenue is a list per currency, shown in columns of its own. */
export type GeoMetric = Exclude<keyof GeoRow, 'place' | 'name' | 'revenue'>;
export const TABLE_METRICS: GeoMetric[] = [
  'visitors',
  'sessions',
  'pageviews',
  'chats',
  'leads',
  'orders',
  'conversion',
];

export interface GeoView {
  metric: MapMetric;
  drill: GeoDrill;
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION_MAX = 16;

/** Reads the view from the query string; anything malformed falls back to the world level. */
export function parseGeoView(search: URLSearchParams): GeoView {
  const m = search.get('metric');
  const metric = (MAP_METRICS as readonly string[]).includes(m ?? '') ? (m as MapMetric) : 'visitors';
  const level = search.get('level');
  const country = search.get('geoCountry') ?? '';
  // A missing region on the city level is the unresolved region (''), a value of its own.
  const region = search.get('geoRegion') ?? '';
  if (!COUNTRY.test(country) || region.length > REGION_MAX) return { metric, drill: { level: 'country' } };
  if (level === 'region') return { metric, drill: { level: 'region', country } };
  if (level === 'city') return { metric, drill: { level: 'city', country, region } };
  return { metric, drill: { level: 'country' } };
}

/** The query-string changes that show `drill` (undefined deletes a key). */
export function drillParams(drill: GeoDrill): Record<string, string | undefined> {
  switch (drill.level) {
    case 'country':
      return { level: undefined, geoCountry: undefined, geoRegion: undefined };
    case 'region':
      return { level: 'region', geoCountry: drill.country, geoRegion: undefined };
    case 'city':
      return { level: 'city', geoCountry: drill.country, geoRegion: drill.region || undefined };
  }
}

/** One level further down from a row of the current level, or null at the bottom. */
export function drillInto(drill: GeoDrill, place: string): GeoDrill | null {
  switch (drill.level) {
    // An unknown country has no regions to speak of.
    case 'country':
      return COUNTRY.test(place) ? { level: 'region', country: place } : null;
    case 'region':
      return { level: 'city', country: drill.country, region: place };
    case 'city':
      return null;
  }
}
