'use client';
import { Empty, Spin } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { useMe, useSite } from '@/app/_components/use-site';

/** Home: the first site's first screen this role may see. */
export default function Home() {
  const t = useTranslations('common');
  const router = useRouter();
  const me = useMe();
  const { sites } = useSite();
  const first = sites.data?.[0];
  const screen = me.data?.capabilities.includes('reports:read') ? 'overview' : 'live';
  useEffect(() => {
    if (first) router.replace(`/s/${first.id}/${screen}`);
  }, [first, router, screen]);
  if (sites.data && !first) return <Empty description={t('nav.noSites')} />;
  return <Spin />;
}
