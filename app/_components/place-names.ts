'use client';
import { useQueries } from '@tanstack/react-query';
import { cityKey } from '@/server/contract/place-key';
import { useLocale } from '@/app/_i18n/locale-provider';
import { useTRPC } from '@/app/_lib/trpc';

/**
 * Region and city names in the interface language for the given countries, fetched once per
 * country and language (the names never change while the server runs). Until they arrive, and
 * for places no data package knows, the code or geoip's English city name shows.
 */
export function usePlaceNames(countries: string[]) {
  const { locale } = useLocale();
  const trpc = useTRPC();
  const wanted = [...new Set(countries.filter((c) => /^[A-Z]{2}$/.test(c)))];
  const results = useQueries({
    queries: wanted.map((country) => ({
      ...trpc.geo.names.queryOptions({ country, locale }),
      staleTime: Infinity,
      gcTime: Infinity,
    })),
  });
  const byCountry = new Map(wanted.map((c, i) => [c, results[i]?.data]));
  return {
    region: (country: string, region: string) => byCountry.get(country)?.regions[region] ?? region,
    city: (country: string, region: string, city: string) => {
      const names = byCountry.get(country);
      return (city && (names?.cities[cityKey(region, city)] ?? names?.cities[cityKey('*', city)])) || city;
    },
  };
}
