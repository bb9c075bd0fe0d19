'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ServerSort } from './server-table';

export interface ListParams<S extends string, E extends string> {
  q: string;
  page: number;
  sort: ServerSort<S>;
  /** The screen's own narrowing (a status, an agent): '' when not set. */
  extra: Record<E, string>;
}

type Changes<S extends string, E extends string> = Partial<Omit<ListParams<S, E>, 'extra'>> & {
  extra?: Partial<Record<E, string>>;
};

/**
 * Search, page, sort and a list screen's own narrowing live in the URL next to the report's
 * range and filters, so a reload, a shared link or the way back from a profile lands on
 * the same page of the same search. `pg`, not `page`: `page` is the page-path filter.
 */
const NONE: readonly never[] = [];

/** `sorts`, `defaultSort` and `extraKeys` are module constants: they key the memo. */
export function useListParams<S extends string, E extends string = never>(
  sorts: readonly S[],
  defaultSort: ServerSort<S>,
  extraKeys: readonly E[] = NONE,
) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo((): ListParams<S, E> => {
    const page = Number(search.get('pg'));
    const sort = search.get('sort') as S | null;
    return {
      q: (search.get('q') ?? '').slice(0, 100),
      page: Number.isInteger(page) && page >= 1 ? page : 1,
      sort:
        sort && sorts.includes(sort)
          ? { key: sort, order: search.get('order') === 'asc' ? 'asc' : 'desc' }
          : defaultSort,
      extra: Object.fromEntries(extraKeys.map((k) => [k, (search.get(k) ?? '').slice(0, 100)])) as Record<E, string>,
    };
  }, [search, sorts, defaultSort, extraKeys]);
  const setParams = useCallback(
    (changes: Changes<S, E>) => {
      const next = new URLSearchParams(search.toString());
      const merged = { ...params, ...changes, extra: { ...params.extra, ...changes.extra } };
      const set = (k: string, v: string, fallback: string) => (v === fallback ? next.delete(k) : next.set(k, v));
      set('q', merged.q, '');
      set('pg', String(merged.page), '1');
      const isDefault = merged.sort.key === defaultSort.key && merged.sort.order === defaultSort.order;
      set('sort', isDefault ? '' : merged.sort.key, '');
      set('order', isDefault ? '' : merged.sort.order, '');
      for (const k of extraKeys) set(k, merged.extra[k] ?? '', '');
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [params, pathname, router, search, defaultSort, extraKeys],
  );
  return { params, setParams };
}
