import type { ReportRange, ResolvedRange } from '../contract/report-input.ts';

const DAY = 86_400_000;

/** Offset of `tz` from UTC at instant `at`, in ms (positive east of Greenwich). */
export function tzOffset(tz: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/** The local calendar day of an instant in `tz`, as YYYY-MM-DD. */
export function localDay(tz: string, at: number): string {
  return new Date(at + tzOffset(tz, at)).toISOString().slice(0, 10);
}

/** UTC instant of local midnight starting `day` in `tz`. */
export function startOfLocalDay(tz: string, day: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Two passes settle days where the offset itself changes (DST).
  const first = guess - tzOffset(tz, guess);
  return guess - tzOffset(tz, first);
}

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function resolveRange(range: ReportRange, tz: string, now = Date.now()): ResolvedRange {
  const today = localDay(tz, now);
  let firstDay: string;
  let lastDay: string;
  switch (range.preset) {
    case 'today':
      firstDay = lastDay = today;
      break;
    case 'yesterday':
      firstDay = lastDay = addDays(today, -1);
      break;
    case '7d':
      firstDay = addDays(today, -6);
      lastDay = today;
      break;
    case '30d':
      firstDay = addDays(today, -29);
      lastDay = today;
      break;
    case '90d':
      firstDay = addDays(today, -89);
      lastDay = today;
      break;
    case 'custom':
      firstDay = range.from ?? today;
      lastDay = range.to ?? today;
      break;
  }
  const days = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / DAY) + 1;
  const from = startOfLocalDay(tz, firstDay);
  const to = startOfLocalDay(tz, addDays(lastDay, 1));
  const prevFrom = startOfLocalDay(tz, addDays(firstDay, -days));
  const until = Math.max(from, Math.min(to, now));
  const prevTo = until === to ? from : Math.min(from, prevFrom + (until - from));
  return { from, to, until, prevFrom, prevTo, firstDay, lastDay, days, bucket: days === 1 ? 'hour' : 'day' };
}
