'use client';
import { Empty, Spin } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { screensFor } from '@/app/_components/screens';
import { useLastSite } from '@/app/_components/use-last-site';
import { useMe, useSite } from '@/app/_components/use-site';

/** Home: the last chosen (else the first) site's first screen this role may see. */
export default function Home() {
  const t = useTranslations('common');
  const router = useRouter();
  const me = useMe();
  const { sites } = useSite();
  const first = useLastSite(
    undefined,
    sites.data?.map((s) => s.id),
  );
  const screen = me.data ? screensFor(new Set(me.data.capabilities))[0] : undefined;
  useEffect(() => {
    if (first && screen) router.replace(`/s/${first}/${screen}`);
  }, [first, router, screen]);
  if (sites.data?.length === 0) return <Empty description={t('nav.noSites')} />;
  return <Spin />;
}
