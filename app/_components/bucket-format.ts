'use client';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import { useFormat } from './use-format';

/**
 * How a time chart names its buckets in the site's zone: hours on the axis and full date-times
 * in the tooltip for one day, days otherwise.
 */
export function useBucketFormat(bucket: 'hour' | 'day', timeZone: string) {
  const fmt = useFormat(timeZone);
  const { locale } = useLocale();
  const tick = new Intl.DateTimeFormat(
    intlTag(locale),
    bucket === 'hour' ? { timeZone, hour: '2-digit', minute: '2-digit' } : { timeZone, month: 'short', day: 'numeric' },
  );
  return {
    fmt,
    tick: (v: number) => tick.format(v),
    label: (v: unknown) => (bucket === 'hour' ? fmt.dateTime(Number(v)) : fmt.date(Number(v))),
  };
}
