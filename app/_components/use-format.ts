'use client';
import { useMemo } from 'react';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';

/** Numbers in the user's locale; dates and times in the site's time zone. */
export function useFormat(timeZone = 'UTC') {
  const { locale } = useLocale();
  return useMemo(() => {
    const tag = intlTag(locale);
    const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const dec = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const oneDecimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const dateTime = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'medium' });
    const time = new Intl.DateTimeFormat(tag, { timeZone, timeStyle: 'medium' });
    return {
      number: (n: number) => int.format(n),
      decimal: (n: number) => dec.format(n),
      /** Ratings out of 5, always with one decimal: 4.0, 4.5. */
      rating: (n: number) => oneDecimal.format(n),
      percent: (n: number) => pct.format(n),
      money: (n: number, currency: string) => new Intl.NumberFormat(tag, { style: 'currency', currency }).format(n),
      /** Amounts in several currencies, never added together: "¥2,595.00 + $95.00"; '—' for none. */
      moneyList: (list: { currency: string; value: number }[]) =>
        list
          .map((m) => new Intl.NumberFormat(tag, { style: 'currency', currency: m.currency }).format(m.value))
          .join(' + ') || '—',
      dateTime: (ms: number) => dateTime.format(ms),
      date: (ms: number) => date.format(ms),
      time: (ms: number) => time.format(ms),
      /** 75_000 → "1m 15s" / "1分15秒" */
      duration(ms: number) {
        const s = Math.round(ms / 1000);
        const h = Math.floor(s / 3600);
        const m = Math.floor((s % 3600) / 60);
        const sec = s % 60;
        if (locale === 'zh') return `${h ? `${h}小时` : ''}${h || m ? `${m}分` : ''}${sec}秒`;
        return `${h ? `${h}h ` : ''}${h || m ? `${m}m ` : ''}${sec}s`;
      },
    };
  }, [locale, timeZone]);
}
