'use client';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { RangePreset, ReportFilters, ReportInput } from '@/server/reports/report-input';

export const FILTER_KEYS = ['country', 'source', 'campaign', 'device', 'page'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const PRESETS: RangePreset[] = ['today', 'yesterday', '7d', '30d', '90d', 'custom'];

/**
 * The page-wide report state lives in the URL (?range=30d&country=CN…), so a reload or a
 * shared link shows the same report.
 */
export function useReportParams() {
  const params = useParams<{ siteId: string }>();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const input = useMemo((): ReportInput & { siteId: string } => {
    const preset = (PRESETS as string[]).includes(search.get('range') ?? '') ? (search.get('range') as RangePreset) : '30d';
    const from = search.get('from') ?? undefined;
    const to = search.get('to') ?? undefined;
    const filters: ReportFilters = {};
    for (const key of FILTER_KEYS) {
      const v = search.get(key);
      if (v) (filters as Record<string, string>)[key] = v;
    }
    return { siteId: params.siteId, range: preset === 'custom' && from && to ? { preset, from, to } : { preset: preset === 'custom' ? '30d' : preset }, filters };
  }, [params.siteId, search]);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [pathname, router, search],
  );

  return {
    input,
    siteId: params.siteId,
    setRange: (preset: RangePreset, from?: string, to?: string) => update({ range: preset, from, to }),
    setFilter: (key: FilterKey, value: string | undefined) => update({ [key]: value }),
    clearFilters: () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))),
    /** Query string to carry the report state onto links to other screens. */
    query: search.toString(),
  };
}
