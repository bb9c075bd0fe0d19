import geoip from 'geoip-lite';

export interface Geo {
  country: string;
  region: string;
  city: string;
}

const UNKNOWN: Geo = { country: '', region: '', city: '' };

/** Country/region/city of an IP from geoip-lite's shipped database; the IP itself is not kept. */
export function lookupGeo(ip: string): Geo {
  const hit = geoip.lookup(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
  if (!hit) return UNKNOWN;
  return { country: hit.country || '', region: hit.region || '', city: hit.city || '' };
}
