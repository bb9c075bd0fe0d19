'use client';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'antd/dist/antd.css';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'use-intl';
import { LOCALE_COOKIE, MESSAGES, type Locale } from './messages';

const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'en',
  setLocale: () => undefined,
});

export const useLocale = () => useContext(LocaleContext);

/** BCP 47 tag for Intl formatting of numbers and dates. */
export const intlTag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-US');

/**
 * Toasts sit below the header band (a drawer's title and close button, the dashboard's site
 * picker), let clicks through and run out even under the pointer: a hovered "Reply saved"
 * once stayed over the canned drawer's close button for good.
 */
const TOASTS = {
  top: 72,
  pauseOnHover: false,
  styles: { root: { pointerEvents: 'none' }, wrapper: { pointerEvents: 'none' } },
} as const;

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const router = useRouter();
  const value = useMemo(
    () => ({
      locale,
      setLocale(next: Locale) {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      },
    }),
    [locale, router],
  );
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  return (
    <LocaleContext.Provider value={value}>
      {/* Dates are formatted with explicit site time zones; this default only silences use-intl. */}
      <IntlProvider locale={intlTag(locale)} messages={MESSAGES[locale]} timeZone="UTC">
        <ConfigProvider
          locale={locale === 'zh' ? zhCN : enUS}
          theme={{
            // antd's stylesheet instead of styles computed and injected per component as a page
            // renders: a fifth less work in the browser per page load, the same pixels.
            zeroRuntime: true,
            token: { colorPrimary: '#4f46e5', borderRadius: 6 },
            // The site menu has a screen per report: shorter rows keep its sections on a laptop screen.
            components: { Menu: { itemHeight: 34, itemMarginBlock: 2 } },
          }}
        >
          <AntApp message={TOASTS}>{children}</AntApp>
        </ConfigProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
