import type { BusinessHours } from '../contract/service-settings.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local date, weekday (Monday = 0) and minute of the day of `at` in `timeZone`. */
export function localTime(timeZone: string, at: number): { date: string; weekday: number; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: WEEKDAY[part('weekday')] ?? 0,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Open at `at` by the site's own clock: hours off means always open; a holiday is closed all day. */
export function isOpen(hours: BusinessHours, timeZone: string, at: number): boolean {
  if (!hours.enabled) return true;
  const local = localTime(timeZone, at);
  if (hours.holidays.includes(local.date)) return false;
  return (hours.days[local.weekday] ?? []).some((s) => local.minute >= minutes(s.from) && local.minute < minutes(s.to));
}
