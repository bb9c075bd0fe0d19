import type { ResolvedRange } from '../contract/report-input.ts';
import { startOfLocalDay } from './resolve-range.ts';

/**
 * Every bucket start of the range (local days, or hours of a one-day range) up to now:
 * hours and days still to come are not drawn as zeros.
 */
export function bucketStarts(range: ResolvedRange, timeZone: string): number[] {
  if (range.bucket === 'hour') {
    const out: number[] = [];
    for (let t = range.from; t < range.until || t === range.from; t += 3_600_000) out.push(t);
    return out;
  }
  const first = Date.parse(`${range.firstDay}T00:00:00Z`);
  const days = Array.from({ length: range.days }, (_, i) =>
    startOfLocalDay(timeZone, new Date(first + i * 86_400_000).toISOString().slice(0, 10)),
  );
  return days.filter((at, i) => i === 0 || at < range.until);
}

/** The series with a zero point for every bucket that had no events. */
export function fillBuckets<T extends { at: number }>(
  range: ResolvedRange,
  timeZone: string,
  points: T[],
  zero: (at: number) => T,
): T[] {
  const byAt = new Map(points.map((p) => [p.at, p]));
  return bucketStarts(range, timeZone).map((at) => byAt.get(at) ?? zero(at));
}
