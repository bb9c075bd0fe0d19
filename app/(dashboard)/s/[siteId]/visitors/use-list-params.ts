'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { VisitorSort } from '@/server/queries/list-visitors';

const SORTS: VisitorSort[] = ['lastSeen', 'firstSeen', 'sessions', 'pageviews'];
export interface ListParams {
  q: string;
  page: number;
  sort: VisitorSort;
  order: 'asc' | 'desc';
}

/**
 * Search, page and sort of the visitors list live in the URL next to the report's range
 * and filters, so the profile's back link (which keeps the query string) returns to the
 * same page of the same search. `pg`, not `page`: `page` is the page-path filter.
 */
export function useListParams() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo((): ListParams => {
    const page = Number(search.get('pg'));
    const sort = search.get('sort') as VisitorSort | null;
    return {
      q: (search.get('q') ?? '').slice(0, 100),
      page: Number.isInteger(page) && page >= 1 ? page : 1,
      sort: sort && SORTS.includes(sort) ? sort : 'lastSeen',
      order: search.get('order') === 'asc' ? 'asc' : 'desc',
    };
  }, [search]);
  const setParams = useCallback(
    (changes: Partial<ListParams>) => {
      const next = new URLSearchParams(search.toString());
      const merged = { ...params, ...changes };
      const set = (k: string, v: string, fallback: string) => (v === fallback ? next.delete(k) : next.set(k, v));
      set('q', merged.q, '');
      set('pg', String(merged.page), '1');
      set('sort', merged.sort, 'lastSeen');
      set('order', merged.order, 'desc');
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [params, pathname, router, search],
  );
  return { params, setParams };
}
