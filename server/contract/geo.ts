export const GEO_LEVELS = ['country', 'region', 'city'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/**
 * Which places to list: every country, the regions of one country, or the cities of one
 * region. '' is a real value here (geoip-lite could not resolve it), so drilling into the
 * unknown region of a country lists the cities of exactly those events, not all of them.
 */
export type GeoDrill =
  { level: 'country' } | { level: 'region'; country: string } | { level: 'city'; country: string; region: string };
