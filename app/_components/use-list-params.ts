'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ServerSort } from './server-table';
import { useReplaceQuery } from './use-replace-query';

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
  const replaceQuery = useReplaceQuery();
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
  // Only the keys a change names are written, over the address as it is now: a second change
  // made before the first one re-rendered (a sort right after a status) keeps the first.
  const setParams = useCallback(
    (changes: Changes<S, E>) => {
      const out: Record<string, string> = {};
      if (changes.q !== undefined) out['q'] = changes.q;
      if (changes.page !== undefined) out['pg'] = changes.page === 1 ? '' : String(changes.page);
      if (changes.sort) {
        const isDefault = changes.sort.key === defaultSort.key && changes.sort.order === defaultSort.order;
        out['sort'] = isDefault ? '' : changes.sort.key;
        out['order'] = isDefault ? '' : changes.sort.order;
      }
      for (const [k, v] of Object.entries(changes.extra ?? {})) out[k] = (v as string | undefined) ?? '';
      replaceQuery(out);
    },
    [replaceQuery, defaultSort],
  );
  return { params, setParams };
}
