// Wall-clock times in another zone (the site's) without a date library: Intl gives the
// zone's wall clock at an instant; a local time maps to the instant whose clock matches.

/** The zone's wall clock at an instant, as if it were UTC ('sv-SE' prints 2026-12-04 10:00:00). */
const wallAt = (ms: number, timeZone: string) =>
  Date.parse(`${new Date(ms).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T')}Z`);
const offsetAt = (ms: number, timeZone: string) => wallAt(ms, timeZone) - ms + (ms % 1e3);

/**
 * `2026-12-04T10:00` (a datetime-local value) read in `timeZone` → the instant, ISO with Z
 * (`2026-12-04T02:00:00Z` for Asia/Shanghai). A time skipped by a DST change moves forward
 * by the gap; a repeated one takes the earlier instant (the offset before the change).
 * '' for a malformed value.
 */
export function zonedToInstant(local: string, timeZone: string): string {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(local)) return '';
  const wall = Date.parse(`${local}Z`);
  // The second guess uses the offset in force at the first; if it still disagrees with
  // itself the wall time fell into a DST gap, and the later guess is past the gap.
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const ms = wall - offsetAt(second, timeZone) === second ? second : Math.max(first, second);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An instant as a datetime-local value in `timeZone` (for the picker's min and max). */
export const instantToZoned = (ms: number, timeZone: string) =>
  new Date(wallAt(ms, timeZone)).toISOString().slice(0, 16);
