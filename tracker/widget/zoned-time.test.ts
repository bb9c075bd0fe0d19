import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zoned-time.ts';

// Expected instants worked out by hand from each zone's published offset on that date.
describe('callback times in the site time zone', () => {
  it('reads the picked wall-clock time in the site zone, not the browser zone', () => {
    expect(zonedToInstant('2026-12-04T10:00', 'Asia/Shanghai')).toBe('2026-12-04T02:00:00Z'); // UTC+8
    expect(zonedToInstant('2026-12-04T10:00', 'UTC')).toBe('2026-12-04T10:00:00Z');
    expect(zonedToInstant('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00Z'); // EDT, UTC−4
    expect(zonedToInstant('2026-12-01T09:30', 'America/New_York')).toBe('2026-12-01T14:30:00Z'); // EST, UTC−5
    expect(zonedToInstant('2026-12-04T08:00', 'Asia/Kolkata')).toBe('2026-12-04T02:30:00Z'); // UTC+5:30
    expect(zonedToInstant('2026-12-05T00:30', 'Asia/Shanghai')).toBe('2026-12-04T16:30:00Z'); // the day before in UTC
  });

  it('handles the hours a DST change skips or repeats', () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 → 03:00 EDT): one hour later.
    expect(zonedToInstant('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00Z');
    // 2026-11-01 01:30 happens twice (EDT, then EST): the earlier, EDT.
    expect(zonedToInstant('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00Z');
  });

  it('shows an instant as the site zone wall clock, the inverse', () => {
    expect(instantToZoned(Date.UTC(2026, 11, 4, 2, 0), 'Asia/Shanghai')).toBe('2026-12-04T10:00');
    expect(instantToZoned(Date.UTC(2026, 11, 4, 16, 30), 'Asia/Shanghai')).toBe('2026-12-05T00:30');
    expect(zonedToInstant(instantToZoned(Date.UTC(2026, 6, 1, 13, 30), 'America/New_York'), 'America/New_York')).toBe(
      '2026-07-01T13:30:00Z',
    );
  });

  it('refuses what is not a datetime-local value', () => {
    expect(zonedToInstant('tomorrow 10:00', 'Asia/Shanghai')).toBe('');
  });
});
