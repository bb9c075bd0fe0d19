import { describe, expect, it } from 'vitest';
import { bucketStarts } from './fill-buckets.ts';
import { resolveRange } from './resolve-range.ts';

const H = 3_600_000;
const D = 24 * H;
// 10:30 on 3 December 2026 in Shanghai (UTC+8, no DST): 02:30 UTC.
const NOW = Date.UTC(2026, 11, 3, 2, 30);
const TZ = 'Asia/Shanghai';
const midnight = (day: number) => Date.UTC(2026, 11, day) - 8 * H;

describe('resolveRange compares like with like', () => {
  it('compares today until now with yesterday until the same time', () => {
    const r = resolveRange({ preset: 'today' }, TZ, NOW);
    expect(r).toMatchObject({
      from: midnight(3),
      to: midnight(4),
      until: NOW,
      prevFrom: midnight(2),
      prevTo: midnight(2) + 10.5 * H,
    });
  });

  it('compares a 7-day range ending today with the same elapsed part of the 7 days before', () => {
    const r = resolveRange({ preset: '7d' }, TZ, NOW);
    expect(r.from).toBe(Date.UTC(2026, 10, 27) - 8 * H);
    expect(r.prevFrom).toBe(r.from - 7 * D);
    expect(r.prevTo - r.prevFrom).toBe(NOW - r.from);
  });

  it('keeps whole periods for ranges that are over', () => {
    const y = resolveRange({ preset: 'yesterday' }, TZ, NOW);
    expect(y).toMatchObject({
      from: midnight(2),
      to: midnight(3),
      until: midnight(3),
      prevFrom: midnight(1),
      prevTo: midnight(2),
    });
    const c = resolveRange({ preset: 'custom', from: '2026-11-01', to: '2026-11-10' }, TZ, NOW);
    expect(c.prevTo).toBe(c.from);
    expect(c.prevTo - c.prevFrom).toBe(10 * D);
  });

  it('draws no hours or days still to come', () => {
    expect(bucketStarts(resolveRange({ preset: 'today' }, TZ, NOW), TZ)).toEqual(
      Array.from({ length: 11 }, (_, i) => midnight(3) + i * H),
    );
    const week = bucketStarts(resolveRange({ preset: '7d' }, TZ, NOW), TZ);
    expect(week).toHaveLength(7);
    expect(week.at(-1)).toBe(midnight(3));
    const ahead = resolveRange({ preset: 'custom', from: '2026-12-01', to: '2026-12-10' }, TZ, NOW);
    expect(bucketStarts(ahead, TZ)).toEqual([midnight(1), midnight(2), midnight(3)]);
    // A range entirely ahead still has its first bucket and compares with nothing.
    const future = resolveRange({ preset: 'custom', from: '2026-12-20', to: '2026-12-21' }, TZ, NOW);
    expect(bucketStarts(future, TZ)).toEqual([midnight(20)]);
    expect(future.prevTo).toBe(future.prevFrom);
  });
});
