import { describe, expect, it } from 'vitest';
import { addressKey, IngestRateLimiter } from './rate-limit.ts';

function limiter(ipPerMin: number, sitePerMin: number, maxKeys?: number) {
  const clock = { t: 0 };
  return { clock, limits: new IngestRateLimiter({ ipPerMin, sitePerMin }, { now: () => clock.t, maxKeys }) };
}

describe('ingest rate limits', () => {
  it('lets a minute of events through at once, then the steady rate, and says when to retry', () => {
    const { clock, limits } = limiter(600, 0);
    for (let i = 0; i < 12; i++) expect(limits.take('198.51.100.1', 's', 50)).toEqual({ ok: true });
    // 600 a minute is 10 a second: 50 more events need 5 s.
    expect(limits.take('198.51.100.1', 's', 50)).toEqual({ ok: false, limit: 'ip', retryAfterSeconds: 5 });
    expect(limits.admit('198.51.100.1')).toEqual({ ok: false, limit: 'ip', retryAfterSeconds: 1 });
    clock.t = 4_900;
    expect(limits.take('198.51.100.1', 's', 50)).toEqual({ ok: false, limit: 'ip', retryAfterSeconds: 1 });
    clock.t = 5_000;
    expect(limits.take('198.51.100.1', 's', 50)).toEqual({ ok: true });
    // Another address has its own bucket.
    expect(limits.take('198.51.100.2', 's', 50)).toEqual({ ok: true });
  });

  it('counts a site over all its addresses and takes from both or neither', () => {
    const { limits } = limiter(100, 150);
    expect(limits.take('198.51.100.1', 'site-a', 100).ok).toBe(true);
    expect(limits.take('198.51.100.2', 'site-a', 50).ok).toBe(true);
    expect(limits.take('198.51.100.3', 'site-a', 1)).toEqual({ ok: false, limit: 'site', retryAfterSeconds: 1 });
    // The refused request took nothing from its address: the whole minute is still there.
    expect(limits.take('198.51.100.3', 'site-b', 100).ok).toBe(true);
  });

  it('charges refused input one event', () => {
    const { limits } = limiter(50, 0);
    for (let i = 0; i < 50; i++) limits.charge('198.51.100.9');
    expect(limits.admit('198.51.100.9').ok).toBe(false);
  });

  it('keeps at most two generations of maxKeys addresses under a spraying flood, and forgets full buckets', () => {
    const { clock, limits } = limiter(1_000, 0, 500);
    for (let i = 0; i < 20_000; i++) {
      limits.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 's', 1);
      expect(limits.size.ip).toBeLessThanOrEqual(1_000);
    }
    // An address that spent its minute is remembered across a turn of the generations.
    clock.t = 59_000;
    expect(limits.take('198.51.100.1', 's', 983).ok).toBe(true);
    clock.t = 60_000;
    limits.take('198.51.100.2', 's', 1);
    // 17 left at 59 s, +16.67 a second later: the 66.3 missing events need 3.98 s.
    expect(limits.take('198.51.100.1', 's', 100)).toEqual({ ok: false, limit: 'ip', retryAfterSeconds: 4 });
    // Two minutes on, nothing of the flood is left.
    clock.t = 180_000;
    limits.take('198.51.100.3', 's', 1);
    limits.take('198.51.100.3', 's', 1);
    expect(limits.size.ip).toBeLessThanOrEqual(3);
  });

  it('groups an IPv6 host by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    const { limits } = limiter(100, 0);
    expect(limits.take('2001:db8:1:2::a', 's', 100).ok).toBe(true);
    expect(limits.take('2001:db8:1:2::b', 's', 1).ok).toBe(false);
    expect(limits.take('2001:db8:1:3::a', 's', 1).ok).toBe(true);
  });

  it('limits nothing when both rates are 0', () => {
    const { limits } = limiter(0, 0);
    for (let i = 0; i < 1_000; i++) expect(limits.take('198.51.100.1', 's', 50).ok).toBe(true);
    expect(limits.size).toEqual({ ip: 0, site: 0 });
  });
});
