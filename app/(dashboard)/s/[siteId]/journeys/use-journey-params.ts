'use client';
import { useReportParams } from '@/app/_components/use-report-params';
import { JOURNEY_STEPS, type JourneySteps } from '@/server/contract/journeys';

/**
 * The screen's own choices live in the URL beside the report's (?journey=/pricing&steps=4), so
 * a reload or a shared link shows the same journey. `journey` is not `page`: that one is the
 * page-wide filter, which narrows the sessions instead of choosing the page to follow.
 */
export function useJourneyParams() {
  const { search, setParams } = useReportParams();
  const raw = Number(search.get('steps'));
  const steps: JourneySteps = (JOURNEY_STEPS as readonly number[]).includes(raw) ? (raw as JourneySteps) : 3;
  return {
    page: search.get('journey') ?? undefined,
    steps,
    setPage: (page: string) => setParams({ journey: page }),
    setSteps: (n: JourneySteps) => setParams({ steps: String(n) }),
  };
}
