import type { AlertItem, AlertKind, AlertSettings } from '../contract/notify.ts';
import type { FiveWindows } from '../queries/pageview-windows.ts';
import { tzOffset } from '../reports/resolve-range.ts';

// What each alert kind decides from the figures it is given (no store, no clock of its own),
// so the thresholds are tested on plain numbers.

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 86_400_000;
export const BASELINE_WEEKS = 4;

/** Start of the local hour (in `tz`) holding `at`; zones off by half an hour keep their own hours. */
export function localHourStart(tz: string, at: number): number {
  const off = tzOffset(tz, at);
  return Math.floor((at + off) / HOUR_MS) * HOUR_MS - off;
}

/** One alert per kind, site and local hour: the key that makes finding it again a no-op. */
export function alertKey(kind: AlertKind, siteId: string, hourStart: number): string {
  return `${kind}.${siteId}.${hourStart}`;
}

/**
 * The windows a traffic check compares: [from, to) and the same stretch 1…4 weeks earlier,
 * so the same weekday and hour. A week is taken as 7 × 24 h: across a DST change the weeks
 * before are off by the hour the clocks moved.
 */
export function weeksBack(from: number, to: number): FiveWindows {
  const w = (k: number): [number, number] => [from - k * WEEK_MS, to - k * WEEK_MS];
  return [w(0), w(1), w(2), w(3), w(4)];
}

export interface TrafficVerdict {
  kind: 'traffic_spike' | 'traffic_drop';
  pageviews: number;
  usual: number;
}

/**
 * A spike: this hour so far against the same part of that hour in the weeks before, at or
 * above `spikeFactor` times their average and at least the minimum volume. A drop is judged
 * on the last whole hour (an hour just begun always looks low): at or under `dropFactor` of
 * the usual, when the usual is at least the minimum volume.
 */
export function trafficVerdict(current: number[], lastHour: number[], s: AlertSettings['traffic']): TrafficVerdict[] {
  const out: TrafficVerdict[] = [];
  const usual = (counts: number[]) => counts.slice(1).reduce((a, b) => a + b, 0) / BASELINE_WEEKS;
  const [now = 0] = current;
  const nowUsual = usual(current);
  if (now >= s.minPageviews && now >= s.spikeFactor * nowUsual)
    out.push({ kind: 'traffic_spike', pageviews: now, usual: round1(nowUsual) });
  const [last = 0] = lastHour;
  const lastUsual = usual(lastHour);
  if (lastUsual >= s.minPageviews && last <= s.dropFactor * lastUsual)
    out.push({ kind: 'traffic_drop', pageviews: last, usual: round1(lastUsual) });
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the engine knows of a site at one tick, from memory (chat, outboxes) and the store. */
export interface SiteFacts {
  siteId: string;
  timeZone: string;
  now: number;
  settings: AlertSettings;
  /** Page views per window of `weeksBack` for this hour so far and for the last whole hour. */
  current: number[];
  lastHour: number[];
  /** When the longest-waiting queued chat asked for a person; null: nobody waits. */
  queuedSince: number | null;
  /** Someone who takes chats is online. */
  staffed: boolean;
  /** Within business hours (no agent is expected outside them). */
  open: boolean;
  /** Chat requests this weekday and hour usually brings (average per week over 4 weeks, Staffing). */
  usualRequests: number;
  /** Since when mail or webhook deliveries of the site have been failing; null: none failing. */
  failingSince: number | null;
}

/** The alerts a site's facts raise now (before de-duplication). */
export function alertsFor(f: SiteFacts): AlertItem[] {
  const hour = localHourStart(f.timeZone, f.now);
  const item = (kind: AlertKind, figures: Record<string, number>, hourStart = hour): AlertItem => ({
    key: alertKey(kind, f.siteId, hourStart),
    siteId: f.siteId,
    kind,
    at: f.now,
    figures: { ...figures, hour: hourStart },
  });
  const out: AlertItem[] = [];
  if (f.settings.traffic.enabled)
    for (const v of trafficVerdict(f.current, f.lastHour, f.settings.traffic))
      out.push(
        item(v.kind, { pageviews: v.pageviews, usual: v.usual }, v.kind === 'traffic_drop' ? hour - HOUR_MS : hour),
      );
  const waited = f.queuedSince === null ? 0 : Math.floor((f.now - f.queuedSince) / 1000);
  if (f.settings.waiting.enabled && f.queuedSince !== null && waited >= f.settings.waiting.seconds)
    out.push(item('visitor_waiting', { seconds: waited }));
  if (f.settings.noAgent.enabled && f.open && !f.staffed && f.usualRequests >= f.settings.noAgent.minRequests)
    out.push(item('no_agent', { requests: Math.round(f.usualRequests * 10) / 10 }));
  const failing = f.failingSince === null ? 0 : Math.floor((f.now - f.failingSince) / 60_000);
  if (f.settings.delivery.enabled && f.failingSince !== null && failing >= f.settings.delivery.minutes)
    out.push(item('delivery_failing', { minutes: failing }));
  return out;
}
