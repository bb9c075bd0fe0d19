'use client';
import { usePathname } from 'next/navigation';
import { useCallback } from 'react';

/**
 * Changes the screen's query string in place ('' or undefined unsets a key). State that lives
 * in the URL (a filter, a tab, a page of a list) changes through here: the history API changes
 * the address at once (Next syncs useSearchParams with it) and asks the server for nothing,
 * where `router.replace` renders the whole route again on the server for each click.
 */
export function useReplaceQuery() {
  const pathname = usePathname();
  return useCallback(
    (changes: Record<string, string | undefined>) => {
      // From the address bar, not a render's snapshot: a second change made before the
      // first one re-rendered would otherwise drop the first.
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      window.history.replaceState(null, '', `${pathname}?${next.toString()}`);
    },
    [pathname],
  );
}
