'use client';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import { usePlaceNames } from './place-names';

/** Country names in the interface language, from the browser's own ICU data. */
export function useCountryName() {
  const { locale } = useLocale();
  const t = useTranslations('common');
  return useMemo(() => {
    const names = new Intl.DisplayNames([intlTag(locale)], { type: 'region' });
    return (code: string) => {
      if (!code) return t('unknown');
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [locale, t]);
}

export function Country({ code }: { code: string }) {
  const name = useCountryName();
  return <span title={code}>{name(code)}</span>;
}

/**
 * "China · Hangzhou" / "中国 · 杭州": the country and the city in the interface language, in
 * one inline element, so a flex container (antd Descriptions) cannot eat the space around the
 * dot. The region tells apart cities of one sound (台州 in Zhejiang, 泰州 in Jiangsu).
 */
export function Place({ country, region = '', city }: { country: string; region?: string; city: string }) {
  const name = useCountryName();
  const places = usePlaceNames([country]);
  return (
    <span>
      <span title={country}>{name(country)}</span>
      {city && <span title={city} data-city={city}>{` · ${places.city(country, region, city)}`}</span>}
    </span>
  );
}
