'use client';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';

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
 * "China · Hangzhou": the country in the interface language and the city, in one inline
 * element, so a flex container (antd Descriptions) cannot eat the space around the dot.
 */
export function Place({ country, city }: { country: string; city: string }) {
  const name = useCountryName();
  return (
    <span>
      <span title={country}>{name(country)}</span>
      {city && ` · ${city}`}
    </span>
  );
}
