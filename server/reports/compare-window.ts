import type { ResolvedRange, SeriesCompare, SeriesInterval } from '../contract/report-input.ts';
import type { SeriesWindow } from './fill-buckets.ts';
import { addDays, localDay, startOfLocalDay } from './resolve-range.ts';

/** The same calendar day a year before; 29 February becomes the 28th. */
function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * What the chart overlays: the period just before (as the KPI tiles compare) or the same
 * days a year earlier, `shiftDays` before the range. A range that runs on past now is
 * compared up to the same point of its own length, as the tiles do, so the overlay never
 * holds hours the range has not had yet.
 */
export function compareWindow(
  range: ResolvedRange,
  timeZone: string,
  compare: Exclude<SeriesCompare, 'none'>,
): SeriesWindow & { to: number; shiftDays: number } {
  if (compare === 'previous') {
    return {
      from: range.prevFrom,
      until: range.prevTo,
      to: range.from,
      firstDay: addDays(range.firstDay, -range.days),
      days: range.days,
      shiftDays: range.days,
    };
  }
  const firstDay = yearBefore(range.firstDay);
  const lastDay = yearBefore(range.lastDay);
  const from = startOfLocalDay(timeZone, firstDay);
  const to = startOfLocalDay(timeZone, addDays(lastDay, 1));
  const days = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + 1;
  const until = range.until === range.to ? to : Math.min(to, from + (range.until - range.from));
  const shiftDays = Math.round((Date.parse(range.firstDay) - Date.parse(firstDay)) / 86_400_000);
  return { from, until, to, firstDay, days, shiftDays };
}

/** Where an overlaid bucket really starts: the range's bucket moved back `shiftDays` on the site's clock. */
export function shiftedBack(at: number, timeZone: string, interval: SeriesInterval, shiftDays: number): number {
  return interval === 'hour'
    ? at - shiftDays * 86_400_000
    : startOfLocalDay(timeZone, addDays(localDay(timeZone, at), -shiftDays));
}
