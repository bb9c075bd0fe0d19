import type { FunnelBreakdown } from '../../contract/funnels.ts';

/**
 * SQL for a funnel unit's breakdown value, grouped by that unit (a visitor, or a session), and
 * whether it needs the unit's page views besides the step rows. A unit counts under its value
 * where step 1 was first taken: country and device of that event; source and campaign of the
 * entry of its session (what Mixpanel and Amplitude break a funnel down by: the value at the
 * first step). Page views carry their session's entry (server/ingest/session-entries.ts), so
 * a page-view step 1 has it on its own row and no other page view is read; any other step 1 is
 * matched to a page view of its session.
 */
export function funnelStartValue(
  breakdown: FunnelBreakdown,
  unit: 'visitor' | 'session',
  stepOneType: string | null,
): { sql: string; withViews: boolean } {
  if (breakdown === 'none') return { sql: "''", withViews: false };
  if (breakdown === 'country' || breakdown === 'device')
    return { sql: `argMinIf(${breakdown}, ts, bitTest(m, 0))`, withViews: false };
  const column = breakdown === 'source' ? 'session_source' : 'session_campaign';
  if (stepOneType === 'pageview') return { sql: `argMinIf(${column}, ts, bitTest(m, 0))`, withViews: false };
  if (unit === 'session') return { sql: `argMinIf(${column}, ts, type = 'pageview')`, withViews: true };
  // The session of the first step-1 event, found among the sessions of the visitor's page views.
  return {
    sql: `arrayFirst(e -> e.1 = argMinIf(session_key, ts, bitTest(m, 0)), groupUniqArrayIf((session_key, ${column}), type = 'pageview')).2`,
    withViews: true,
  };
}
