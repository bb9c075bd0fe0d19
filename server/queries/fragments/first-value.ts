import type { GoalDimension } from '../../contract/goals.ts';

/**
 * SQL aggregates for a visitor's (or session's) value of a breakdown dimension, grouped by
 * visitor: source and campaign from the first page view (the entry of their first session
 * in the range, as page views carry it), country and device from the first event. Each
 * visitor counts under one value, so a goal's rows add up to its total. (A funnel counts
 * each under its value at step 1: funnel-start-value.ts.)
 */
export const FIRST_VALUE: Record<GoalDimension, string> = {
  source: "argMinIf(session_source, ts, type = 'pageview')",
  campaign: "argMinIf(session_campaign, ts, type = 'pageview')",
  country: 'argMin(country, ts)',
  device: 'argMin(device, ts)',
};
