import { z } from 'zod';

// The shared shape of every report request: which site, which days (in the site's
// time zone), and the page-wide filters. Screens keep it in the URL so reloads keep it.

export const RANGE_PRESETS = ['today', 'yesterday', '7d', '30d', '90d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const filterValue = z.string().trim().min(1).max(256).optional();
const tagList = z
  .string()
  .regex(/^tg_[A-Za-z0-9]{1,32}(,tg_[A-Za-z0-9]{1,32}){0,19}$/, 'tag ids, comma-separated')
  .optional();

export const reportFilters = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO country code')
    .optional(),
  source: filterValue,
  campaign: filterValue,
  device: z.enum(['desktop', 'mobile', 'tablet']).optional(),
  page: filterValue,
  /** Tag ids, comma-separated (as in the URL): people carrying any of them. */
  tag: tagList,
  /** Tag ids, comma-separated: people carrying none of them. */
  notTag: tagList,
});
export type ReportFilters = z.infer<typeof reportFilters>;

export const reportRange = z
  .object({ preset: z.enum(RANGE_PRESETS), from: isoDate.optional(), to: isoDate.optional() })
  .refine((r) => r.preset !== 'custom' || (r.from && r.to && r.from <= r.to), 'a custom range needs from ≤ to');
export type ReportRange = z.infer<typeof reportRange>;

export const reportInput = z.object({ range: reportRange, filters: reportFilters.default({}) });
export type ReportInput = z.infer<typeof reportInput>;

export interface ResolvedRange {
  /** Inclusive start / exclusive end, epoch ms (UTC instants of local midnights). */
  from: number;
  to: number;
  /** The end of what has happened: `to`, or now for a range that runs on past now (today). */
  until: number;
  /**
   * The period just before, for comparisons: as long as the range, or, for a range that
   * runs on past now, as long as the part already past (today until 10:30 against
   * yesterday until 10:30, not against all of yesterday).
   */
  prevFrom: number;
  prevTo: number;
  /** First and last local day, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  days: number;
  /** Time-series bucket: hours for one day, days otherwise. */
  bucket: 'hour' | 'day';
}

/** How the Overview's traffic chart buckets time, and what it overlays. */
export const SERIES_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];
export const SERIES_COMPARES = ['none', 'previous', 'year'] as const;
export type SeriesCompare = (typeof SERIES_COMPARES)[number];
export const SERIES_METRICS = ['visitors', 'sessions', 'pageviews', 'chats', 'leads', 'orders'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];
export const seriesOptions = z.object({
  interval: z.enum(SERIES_INTERVALS).optional(),
  compare: z.enum(SERIES_COMPARES).default('none'),
});

/**
 * The intervals a range of `days` can be drawn in: enough points to show a shape (a month
 * of one week is one dot) and few enough to read (hours only up to a week).
 */
export function seriesIntervals(days: number): SeriesInterval[] {
  const all: [SeriesInterval, boolean][] = [
    ['hour', days <= 7],
    ['day', days <= 731],
    ['week', days >= 7],
    ['month', days >= 60],
  ];
  return all.filter(([, ok]) => ok).map(([i]) => i);
}

/** Hours for one day, days up to about four months, then weeks, then months. */
export function defaultSeriesInterval(days: number): SeriesInterval {
  return days === 1 ? 'hour' : days <= 120 ? 'day' : days <= 731 ? 'week' : 'month';
}
