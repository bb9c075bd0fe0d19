import { createRequire } from 'node:module';
import type GeoIp from 'geoip-lite';
import { joinedGeoDataDir } from './geoip-ranges.ts';

// geoip-lite reads its tables when it is loaded, from the directory named by this global.
(globalThis as { geodatadir?: string }).geodatadir = joinedGeoDataDir();
const geoip = createRequire(import.meta.url)('geoip-lite') as typeof GeoIp;

export interface Geo {
  country: string;
  region: string;
  city: string;
}

const UNKNOWN: Geo = { country: '', region: '', city: '' };

// A visitor sends many requests from one address: looked up once while it stays in this
// bounded cache (oldest evicted first). Only the place is kept per address, never shown.
const cache = new Map<string, Geo>();
const CACHE_MAX = 10_000;

/** Country/region/city of an IP from geoip-lite's shipped database; the IP itself is not stored. */
export function lookupGeo(ip: string): Geo {
  const known = cache.get(ip);
  if (known) return known;
  const geo = lookup(ip);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(ip, geo);
  return geo;
}

function lookup(ip: string): Geo {
  const hit = geoip.lookup(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
  if (!hit) return UNKNOWN;
  return { country: hit.country || '', region: hit.region || '', city: hit.city || '' };
}
