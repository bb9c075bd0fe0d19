import type { StoredTrailEvent } from '../queries/visit-facts.ts';
import type { TrailStep } from '../contract/live-visitor.ts';

/** The newest steps a live row carries; the page count stays exact beyond it. */
export const TRAIL_STEPS = 50;

/**
 * A visit's page trail from its page view and engagement events, whatever order they
 * arrived in (beacons overtake each other; a restart backfills from the store).
 * Engagement belongs to the latest earlier view of the same path. At equal times a page
 * view sorts last: the snippet sends the left page's engagement and the next view in the
 * same instant, in that order.
 */
export function buildTrail(events: Iterable<StoredTrailEvent>): { trail: TrailStep[]; pageviews: number } {
  const sorted = [...events].sort(
    (a, b) => a.at - b.at || Number(a.type === 'pageview') - Number(b.type === 'pageview'),
  );
  const steps: TrailStep[] = [];
  for (const e of sorted) {
    if (e.type === 'pageview') {
      steps.push({ at: e.at, path: e.path, title: e.title, engagedMs: 0 });
      continue;
    }
    const step = steps.findLast((s) => s.path === e.path);
    if (step) step.engagedMs += e.engagedMs;
  }
  return { trail: steps.slice(-TRAIL_STEPS), pageviews: steps.length };
}
