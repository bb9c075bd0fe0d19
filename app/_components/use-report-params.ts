'use client';
import { useParams, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import {
  reportFilters,
  reportRange,
  type RangePreset,
  type ReportFilters,
  type ReportInput,
} from '@/server/contract/report-input';
import { useReplaceQuery } from './use-replace-query';

export const FILTER_KEYS = ['country', 'source', 'campaign', 'device', 'page', 'tag', 'notTag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** What follows the user from screen to screen: the range and the page-wide filters. */
const CARRIED_KEYS = ['range', 'from', 'to', ...FILTER_KEYS] as const;

/** The carried part of a query string ('' when there is none). */
export function carriedQuery(search: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const key of CARRIED_KEYS) {
    const value = search.get(key);
    if (value) out.set(key, value);
  }
  return out.toString();
}

/**
 * The page-wide report state lives in the URL (?range=30d&country=CN…), so a reload or a
 * shared link shows the same report.
 */
export function useReportParams() {
  const params = useParams<{ siteId: string }>();
  const search = useSearchParams();

  const input = useMemo((): ReportInput & { siteId: string } => {
    // A hand-edited or stale link may carry values the API would reject: those are dropped
    // here, so one bad value (?device=tv) never takes the whole screen down.
    const filters = Object.fromEntries(
      FILTER_KEYS.flatMap((key) => {
        const v = reportFilters.shape[key].safeParse(search.get(key) ?? undefined);
        return v.success && v.data ? [[key, v.data]] : [];
      }),
    ) as ReportFilters;
    const range = reportRange.safeParse({
      preset: search.get('range') ?? '30d',
      from: search.get('from') ?? undefined,
      to: search.get('to') ?? undefined,
    });
    return { siteId: params.siteId, range: range.success ? range.data : { preset: '30d' }, filters };
  }, [params.siteId, search]);

  const update = useReplaceQuery();

  return {
    input,
    siteId: params.siteId,
    setRange: (preset: RangePreset, from?: string, to?: string) => update({ range: preset, from, to }),
    setFilter: (key: FilterKey, value: string | undefined) => update({ [key]: value }),
    clearFilters: () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))),
    /** A screen's own URL state beside the carried report state (unset with undefined). */
    setParams: update,
    search,
    /** Query string to carry the report state onto links to other screens. */
    query: search.toString(),
  };
}
