'use client';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import type { SeriesInterval } from '@/server/contract/report-input';
import { useFormat } from './use-format';

const TICKS: Record<SeriesInterval, Intl.DateTimeFormatOptions> = {
  hour: { hour: '2-digit', minute: '2-digit' },
  day: { month: 'short', day: 'numeric' },
  week: { month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'short' },
};

/**
 * How a time chart names its buckets in the site's zone: hours on the axis and full date-times
 * in the tooltip for hours, dates for days and weeks (a week by its Monday), months by name.
 */
export function useBucketFormat(bucket: SeriesInterval, timeZone: string) {
  const fmt = useFormat(timeZone);
  const { locale } = useLocale();
  const tick = new Intl.DateTimeFormat(intlTag(locale), { timeZone, ...TICKS[bucket] });
  return {
    fmt,
    tick: (v: number) => tick.format(v),
    label: (v: unknown) =>
      bucket === 'hour' ? fmt.dateTime(Number(v)) : bucket === 'month' ? tick.format(Number(v)) : fmt.date(Number(v)),
  };
}
