'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { JOURNEY_STEPS, type JourneySteps } from '@/server/contract/journeys';

/**
 * The screen's own choices live in the URL beside the report's (?journey=/pricing&steps=4), so
 * a reload or a shared link shows the same journey. `journey` is not `page`: that one is the
 * page-wide filter, which narrows the sessions instead of choosing the page to follow.
 */
export function useJourneyParams() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = Number(search.get('steps'));
  const steps: JourneySteps = (JOURNEY_STEPS as readonly number[]).includes(raw) ? (raw as JourneySteps) : 3;
  const set = useCallback(
    (key: 'journey' | 'steps', value: string) => {
      const next = new URLSearchParams(search.toString());
      next.set(key, value);
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [pathname, router, search],
  );
  return {
    page: search.get('journey') ?? undefined,
    steps,
    setPage: (page: string) => set('journey', page),
    setSteps: (n: JourneySteps) => set('steps', String(n)),
  };
}
