import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { LocaleProvider } from './_i18n/locale-provider';
import { LOCALE_COOKIE, pickLocale } from './_i18n/messages';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = { title: 'LeadTrail', description: 'Web analytics and live chat in one product' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <AntdRegistry>
          <Providers>
            <LocaleProvider locale={locale}>{children}</LocaleProvider>
          </Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
