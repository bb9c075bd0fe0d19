'use client';
import { useEffect, useState } from 'react';

const KEY = 'lt_site';

/**
 * The site the navigation is about: the one in the URL, else the last one chosen (kept in
 * this browser), else the first the user may open — so Settings and Account keep the
 * site's menu and picker, and their links lead back to that site.
 */
export function useLastSite(urlSiteId: string | undefined, siteIds: string[] | undefined): string | undefined {
  // undefined until the browser's storage was read (it is not there on the server).
  const [stored, setStored] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let id: string | null = urlSiteId ?? null;
    try {
      if (urlSiteId) localStorage.setItem(KEY, urlSiteId);
      else id = localStorage.getItem(KEY);
    } catch {
      // storage blocked: fall back to the first site
    }
    setStored(id);
  }, [urlSiteId]);
  if (urlSiteId) return urlSiteId;
  if (!siteIds || stored === undefined) return undefined;
  return stored && siteIds.includes(stored) ? stored : siteIds[0];
}
