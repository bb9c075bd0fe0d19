import type { SeriesInterval } from '../contract/report-input.ts';
import { addDays, startOfLocalDay } from './resolve-range.ts';

/** The stretch of time a series covers: local days `firstDay` … + `days`, drawn up to `until`. */
export interface SeriesWindow {
  from: number;
  until: number;
  firstDay: string;
  days: number;
}

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const nextMonth = (day: string) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};
/** The local day a bucket holding `day` starts on: weeks start on Monday (ISO 8601). */
const bucketDay = (interval: SeriesInterval, day: string) =>
  interval === 'week' ? addDays(day, -((weekday(day) + 6) % 7)) : interval === 'month' ? `${day.slice(0, 7)}-01` : day;

/**
 * Every bucket start of the window (hours, local days, weeks from Monday, months) up to now:
 * hours and days still to come are not drawn as zeros. A week or month may start before the
 * window: it is named by its start and holds only the window's days.
 */
export function bucketStarts(
  w: SeriesWindow & { bucket?: 'hour' | 'day' },
  timeZone: string,
  interval: SeriesInterval = w.bucket ?? 'day',
): number[] {
  const out: number[] = [];
  if (interval === 'hour') {
    for (let t = w.from; t < w.until || t === w.from; t += 3_600_000) out.push(t);
    return out;
  }
  const lastDay = addDays(w.firstDay, w.days - 1);
  for (let day = bucketDay(interval, w.firstDay); day <= lastDay;) {
    const at = startOfLocalDay(timeZone, day);
    if (out.length > 0 && at >= w.until) break;
    out.push(at);
    day = interval === 'day' ? addDays(day, 1) : interval === 'week' ? addDays(day, 7) : nextMonth(day);
  }
  return out;
}

/** The series with a zero point for every bucket that had no events. */
export function fillBuckets<T extends { at: number }>(
  w: SeriesWindow & { bucket?: 'hour' | 'day' },
  timeZone: string,
  points: T[],
  zero: (at: number) => T,
  interval?: SeriesInterval,
): T[] {
  const byAt = new Map(points.map((p) => [p.at, p]));
  return bucketStarts(w, timeZone, interval).map((at) => byAt.get(at) ?? zero(at));
}
