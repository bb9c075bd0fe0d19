import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The key a phone is matched by: E.164 (`+8613800138000`) when the number is a possible
 * number for the site's region or carries its own `+`/`00` country prefix, so a CSV's
 * "+86 138 0013 8000", a chat's "138 0013 8000" and "008613800138000" are one person.
 *
 * A number that does not parse (no region known, a short extension, a typo) keys as its
 * bare digits rather than '': two such spellings of one number still meet, as they did
 * before keys existed, and digits never equal an E.164 key (no `+`), so no false match.
 */
export function phoneKey(raw: string, region?: CountryCode): string {
  const digits = raw.replace(/\D/g, '');
  if (!digits) return '';
  const parsed = parsePhoneNumberFromString(raw, region);
  if (parsed?.isPossible()) return parsed.number;
  // Without a region libphonenumber cannot read an international prefix; 00 is the one
  // most of the world dials, so it is read as `+` before giving up.
  const plus = raw.trim().replace(/^\(?00/, '+');
  const international = plus.startsWith('+') ? parsePhoneNumberFromString(plus) : undefined;
  if (international?.isPossible()) return international.number;
  return digits;
}

/**
 * A search written like a phone ("138-0013-8000", "030 1234567") as digits a key holds:
 * national trunk zeros dropped, since the key is E.164. '' for any other search.
 */
export function phoneSearchDigits(search: string): string {
  if (!/^[+0-9 ()./-]+$/.test(search)) return '';
  const digits = search.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 5 ? digits : '';
}

let zoneRegions: Map<string, CountryCode> | undefined;

/**
 * The phone region a site's IANA time zone implies (Asia/Shanghai → CN, Europe/Berlin →
 * DE), undefined for zones of no one country (UTC, Etc/*). The map is ICU's own zone list
 * per region, built once; an alias (Asia/Kolkata) is tried as ICU spells it too.
 */
export function regionOfTimeZone(timeZone: string): CountryCode | undefined {
  if (!zoneRegions) {
    zoneRegions = new Map();
    for (const country of getCountries()) {
      for (const zone of zonesOf(country)) if (!zoneRegions.has(zone)) zoneRegions.set(zone, country);
    }
  }
  return zoneRegions.get(timeZone) ?? zoneRegions.get(canonicalZone(timeZone));
}

// `Intl.Locale#timeZones` (V8, Node 20) is not in TypeScript's lib yet.
const zonesOf = (country: string): readonly string[] =>
  (new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: readonly string[] }).timeZones ?? [];

function canonicalZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
}
