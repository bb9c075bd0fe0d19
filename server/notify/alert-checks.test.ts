import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../contract/notify.ts';
import { alertsFor, localHourStart, trafficVerdict, weeksBack, type SiteFacts } from './alert-checks.ts';

const T = DEFAULT_ALERT_SETTINGS.traffic; // spike ≥ 3×, drop ≤ 0.3×, at least 20 page views

describe('traffic verdict', () => {
  it('calls a spike at three times the usual and no sooner, and only with the minimum volume', () => {
    expect(trafficVerdict([30, 10, 10, 10, 10], [], T).map((v) => v.kind)).toEqual(['traffic_spike']);
    expect(trafficVerdict([29, 10, 10, 10, 10], [], T)).toEqual([]);
    // Tripled from almost nothing is not news.
    expect(trafficVerdict([19, 0, 0, 0, 0], [], T)).toEqual([]);
    expect(trafficVerdict([20, 0, 0, 0, 0], [], T)).toEqual([{ kind: 'traffic_spike', pageviews: 20, usual: 0 }]);
  });

  it('calls a drop on the last whole hour at 0.3 of the usual, when the usual has volume', () => {
    expect(trafficVerdict([0], [30, 100, 100, 100, 100], T)).toEqual([
      { kind: 'traffic_drop', pageviews: 30, usual: 100 },
    ]);
    expect(trafficVerdict([0], [31, 100, 100, 100, 100], T)).toEqual([]);
    expect(trafficVerdict([0], [0, 19, 19, 19, 19], T)).toEqual([]);
  });
});

describe('local hours', () => {
  it('starts hours on the local clock, half-hour zones included', () => {
    const at = Date.UTC(2026, 0, 5, 10, 50); // 16:20 in Kolkata (+5:30)
    expect(new Date(localHourStart('Asia/Kolkata', at)).toISOString()).toBe('2026-01-05T10:30:00.000Z');
    expect(new Date(localHourStart('Asia/Shanghai', at)).toISOString()).toBe('2026-01-05T10:00:00.000Z');
  });

  it('compares with the same stretch of the same weekday, one to four weeks back', () => {
    const w = weeksBack(1_000_000_000_000, 1_000_000_900_000);
    expect(w[4]).toEqual([1_000_000_000_000 - 4 * 604_800_000, 1_000_000_900_000 - 4 * 604_800_000]);
  });
});

describe('alerts for a site', () => {
  const base: SiteFacts = {
    siteId: 's1',
    timeZone: 'UTC',
    now: Date.UTC(2026, 0, 5, 10, 30),
    settings: DEFAULT_ALERT_SETTINGS,
    current: [0, 0, 0, 0, 0],
    lastHour: [0, 0, 0, 0, 0],
    queuedSince: null,
    staffed: true,
    open: true,
    usualRequests: 0,
    failingSince: null,
  };
  const kinds = (f: Partial<SiteFacts>) => alertsFor({ ...base, ...f }).map((a) => a.kind);

  it('keys each alert by kind, site and local hour', () => {
    const [a] = alertsFor({ ...base, queuedSince: base.now - 121_000 });
    expect(a?.key).toBe(`visitor_waiting.s1.${Date.UTC(2026, 0, 5, 10)}`);
    expect(a?.figures['seconds']).toBe(121);
  });

  it('waits for the thresholds, and stays quiet for kinds switched off', () => {
    expect(kinds({ queuedSince: base.now - 119_000 })).toEqual([]);
    expect(kinds({ staffed: false, usualRequests: 1 })).toEqual(['no_agent']);
    expect(kinds({ staffed: false, usualRequests: 0.9 })).toEqual([]);
    // Outside business hours nobody is expected online.
    expect(kinds({ staffed: false, open: false, usualRequests: 5 })).toEqual([]);
    expect(kinds({ failingSince: base.now - 30 * 60_000 })).toEqual(['delivery_failing']);
    expect(kinds({ failingSince: base.now - 29 * 60_000 })).toEqual([]);
    const off = { ...DEFAULT_ALERT_SETTINGS, delivery: { enabled: false, minutes: 30 } };
    expect(kinds({ settings: off, failingSince: base.now - 60 * 60_000 })).toEqual([]);
  });
});
