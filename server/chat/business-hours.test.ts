import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeBus } from '../bus/bus.ts';
import type { ServerToVisitor } from '../contract/channels.ts';
import { DEFAULT_SERVICE_SETTINGS, type BusinessHours } from '../contract/service-settings.ts';
import { isOpen } from '../sites/business-hours.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';

// Business hours are read on the site's own clock: the same instant is open in one time zone
// and closed in another, a holiday closes its local date, and outside hours the widget gets
// the offline form even with an agent online.

const weekdays = (from: string, to: string): BusinessHours['days'] => [
  [{ from, to }],
  [{ from, to }],
  [{ from, to }],
  [{ from, to }],
  [{ from, to }],
  [],
  [],
];
const NINE_TO_SIX: BusinessHours = { enabled: true, days: weekdays('09:00', '18:00'), holidays: ['2026-10-01'] };
const at = (iso: string) => Date.parse(iso);

describe('business hours', () => {
  it('reads the weekday and the hour in the site time zone', () => {
    // Monday 2026-12-07 01:30 UTC is 09:30 in Shanghai (UTC+8), 01:30 in London.
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-12-07T01:30:00Z'))).toBe(true);
    expect(isOpen(NINE_TO_SIX, 'Europe/London', at('2026-12-07T01:30:00Z'))).toBe(false);
    // Sunday 23:00 UTC is Monday 07:00 in Shanghai: a weekday, but before opening.
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-12-06T23:00:00Z'))).toBe(false);
    // Opening is inclusive, closing exclusive: 09:00 and 18:00 Shanghai.
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-12-07T01:00:00Z'))).toBe(true);
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-12-07T10:00:00Z'))).toBe(false);
    // Friday 2026-12-11 14:00 UTC is 09:00 in New York (UTC−5) and 22:00 Saturday-eve in Shanghai.
    expect(isOpen(NINE_TO_SIX, 'America/New_York', at('2026-12-11T14:00:00Z'))).toBe(true);
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-12-11T14:00:00Z'))).toBe(false);
    // Saturday is closed.
    expect(isOpen(NINE_TO_SIX, 'Europe/London', at('2026-12-12T12:00:00Z'))).toBe(false);
  });

  it('closes a holiday on its local date, wherever UTC is', () => {
    // Thursday 2026-10-01 10:00 in Shanghai is 02:00 UTC: a holiday there.
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-10-01T02:00:00Z'))).toBe(false);
    // The same instant in New York is Wednesday 2026-09-30 22:00: not the holiday, but after hours.
    expect(isOpen(NINE_TO_SIX, 'America/New_York', at('2026-10-01T02:00:00Z'))).toBe(false);
    // Wednesday 2026-09-30 10:00 Shanghai (02:00 UTC) is a normal working day.
    expect(isOpen(NINE_TO_SIX, 'Asia/Shanghai', at('2026-09-30T02:00:00Z'))).toBe(true);
    // 2026-10-01 09:30 in New York (13:30 UTC) is the holiday's local date there.
    expect(isOpen(NINE_TO_SIX, 'America/New_York', at('2026-10-01T13:30:00Z'))).toBe(false);
    expect(isOpen({ ...NINE_TO_SIX, holidays: [] }, 'America/New_York', at('2026-10-01T13:30:00Z'))).toBe(true);
  });

  it('is always open while hours are off, and 24:00 closes the day', () => {
    expect(isOpen({ ...NINE_TO_SIX, enabled: false }, 'UTC', at('2026-12-12T03:00:00Z'))).toBe(true);
    const late: BusinessHours = { enabled: true, days: weekdays('20:00', '24:00'), holidays: [] };
    expect(isOpen(late, 'UTC', at('2026-12-07T23:59:00Z'))).toBe(true);
    expect(isOpen(late, 'UTC', at('2026-12-08T00:00:00Z'))).toBe(false);
  });
});

describe('the widget outside business hours', () => {
  const SITE = 'hours-shanghai';
  let h: LiveHarness;
  beforeAll(async () => {
    h = await startLiveHarness([SITE], { heartbeatTimeoutMs: 5_000, graceMs: 500, tickMs: 50, pingMs: 1_000 });
  });
  afterAll(async () => {
    await serviceSettings().save(h.ch, SITE, DEFAULT_SERVICE_SETTINGS);
    await h.close();
  });

  it('shows the offline form with an agent online, and the chat again once hours open', async () => {
    // Closed every day: whatever the clock says now, the site is outside its hours.
    const closed: BusinessHours = { enabled: true, days: [[], [], [], [], [], [], []], holidays: [] };
    await serviceSettings().save(h.ch, SITE, { ...DEFAULT_SERVICE_SETTINGS, hours: closed });
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    await expect.poll(() => agent.events.some((e) => e.type === 'chat.snapshot')).toBe(true);

    await pageview(h.base, SITE, 'visitor-hours-1', '/', 'Home');
    const v = await visitorSocket(h.base);
    const got: ServerToVisitor[] = [];
    v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
    v.send(hello(SITE, 'visitor-hours-1'));
    await expect.poll(() => got.find((m) => m.type === 'welcome')).toMatchObject({ agentsOnline: false, robot: false });
    v.send({ type: 'chat.request', name: 'Wang', question: 'Are you open?' });
    await expect
      .poll(() => got.find((m) => m.type === 'chat.error'))
      .toEqual({ type: 'chat.error', reason: 'offline' });

    // Open all day, every day: saved through tRPC, which tells the server on the bus.
    const allDay = { from: '00:00', to: '24:00' };
    const open: BusinessHours = { enabled: true, days: Array.from({ length: 7 }, () => [allDay]), holidays: [] };
    await serviceSettings().save(h.ch, SITE, { ...DEFAULT_SERVICE_SETTINGS, hours: open });
    realtimeBus().publish('serviceSettings', { siteId: SITE });
    await expect
      .poll(() => got.filter((m) => m.type === 'availability').at(-1))
      .toEqual({ type: 'availability', agentsOnline: true, robot: false, calls: false });
    v.send({ type: 'chat.request', name: 'Wang', question: 'Are you open?' });
    await expect.poll(() => got.some((m) => m.type === 'chat.state' && m.chat?.status === 'open')).toBe(true);
    v.ws.close();
    agent.ws.close();
  });
});
