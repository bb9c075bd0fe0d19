import type { ClickHouseClient } from '@clickhouse/client';
import type { ResolvedRange } from '../contract/report-input.ts';
import { getConversionFunnel } from '../queries/conversion-funnel.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { getOverviewKpis, type OverviewKpis } from '../queries/overview-kpis.ts';
import { getSessionAttribute, type SessionAttributeRow } from '../queries/session-attribute.ts';
import { getStaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { getVisitsSeries } from '../queries/visits-series.ts';
import { fillBuckets } from '../reports/fill-buckets.ts';
import { localDay, resolveRange } from '../reports/resolve-range.ts';
import { planStaffing } from '../staffing/plan.ts';

// A scheduled report's figures, read with the queries the dashboard's screens use (Overview,
// Conversion, Staffing): the mail shows the same numbers the screens would for its period.

export type ReportFrequency = 'daily' | 'weekly';

/** The Staffing screen's default target: 80% of chats answered within 20 s, 3 chats at once. */
const STAFFING_TARGET = { targetPercent: 80, targetSeconds: 20, concurrency: 3 };
/** Conversion's default attribution window: an order counts for a chat within 30 days. */
const ATTRIBUTION_MS = 30 * 86_400_000;
const TOP = 5;

export interface ReportFigures {
  frequency: ReportFrequency;
  range: ResolvedRange;
  kpis: OverviewKpis;
  previous: OverviewKpis;
  /** Visitors per local day (weekly) or hour (daily), empty buckets as 0. */
  series: { at: number; visitors: number }[];
  sources: SessionAttributeRow[];
  campaigns: SessionAttributeRow[];
  /** Visitors → invitation shown → accepted → chatted → lead → ordered (Conversion's funnel). */
  funnel: number[];
  /** Hours of the period's weekdays with fewer agents seen than the plan needs. */
  gaps: { weekday: number; hour: number; needed: number; seen: number }[];
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The period a report sent at `now` covers, in the site's time zone: yesterday (daily) or
 * the last whole Monday–Sunday week (weekly). `due` is when it may go: 08:00 local on the
 * day after yesterday, or on the Monday after the week.
 */
export function reportPeriod(frequency: ReportFrequency, timeZone: string, now: number) {
  const today = localDay(timeZone, now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const firstDay = frequency === 'daily' ? addDays(today, -1) : addDays(today, -weekday - 7);
  const lastDay = frequency === 'daily' ? firstDay : addDays(firstDay, 6);
  const range = resolveRange({ preset: 'custom', from: firstDay, to: lastDay }, timeZone, now);
  const dueDay = addDays(lastDay, 1);
  const due = resolveRange({ preset: 'custom', from: dueDay, to: dueDay }, timeZone, now).from + 8 * 3_600_000;
  return { firstDay, lastDay, range, due };
}

export async function reportFigures(
  ch: ClickHouseClient,
  site: { id: string; timeZone: string },
  frequency: ReportFrequency,
  range: ResolvedRange,
): Promise<ReportFigures> {
  const scope = reportScope(site.id, range.from, range.to, {});
  const prevScope = reportScope(site.id, range.prevFrom, range.prevTo, {});
  const [kpis, previous, points, sources, campaigns, conversion, heatmap] = await Promise.all([
    getOverviewKpis(ch, scope),
    getOverviewKpis(ch, prevScope),
    getVisitsSeries(ch, scope, range.bucket, site.timeZone),
    getSessionAttribute(ch, scope, 'source', TOP),
    getSessionAttribute(ch, scope, 'utm_campaign', TOP),
    getConversionFunnel(ch, scope, ATTRIBUTION_MS),
    getStaffingHeatmap(ch, site.id, range, site.timeZone),
  ]);
  const f = conversion.invited;
  const plan = planStaffing(heatmap, STAFFING_TARGET);
  const gaps = plan.cells
    .filter((c) => c.agentsNeeded > c.agentsSeen)
    .map((c) => ({
      weekday: c.weekday,
      hour: c.hour,
      needed: c.agentsNeeded,
      seen: Math.round(c.agentsSeen * 10) / 10,
    }))
    .sort((a, b) => b.needed - b.seen - (a.needed - a.seen) || a.weekday - b.weekday || a.hour - b.hour);
  return {
    frequency,
    range,
    kpis,
    previous,
    series: fillBuckets(range, site.timeZone, points, (at) => ({ at, visitors: 0 })).map((p) => ({
      at: p.at,
      visitors: p.visitors,
    })),
    sources,
    campaigns,
    funnel: [f.visitors, f.shown, f.accepted, f.chatted, f.leads, f.ordered],
    gaps,
  };
}
