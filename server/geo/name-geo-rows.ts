import type { GeoDrill } from '../contract/geo.ts';
import type { GeoRow } from '../queries/geo-breakdown.ts';
import { cityName, regionName, type PlaceLocale } from './place-names.ts';

export type NamedGeoRow = GeoRow & {
  /** The region or city in the asked language; '' for countries (the browser names them) and unknown places. */
  name: string;
};

/** Names the places of one drill-down level; the code stays in `place` for links and CSV. */
export function nameGeoRows(drill: GeoDrill, rows: GeoRow[], locale: PlaceLocale): NamedGeoRow[] {
  return rows.map((r) => ({ ...r, name: placeName(drill, r.place, locale) }));
}

function placeName(drill: GeoDrill, place: string, locale: PlaceLocale): string {
  if (!place) return '';
  switch (drill.level) {
    case 'country':
      return '';
    case 'region':
      return regionName(drill.country, place, locale);
    case 'city':
      return cityName(drill.country, drill.region, place, locale);
  }
}
