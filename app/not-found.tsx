'use client';
import { Button, Result } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';

/** Any address without a page: said in the user's language, with the way back. */
export default function NotFound() {
  const t = useTranslations('common.notFound');
  return (
    <Result
      status="404"
      title={t('title')}
      subTitle={t('body')}
      extra={
        <Link href="/">
          <Button type="primary">{t('home')}</Button>
        </Link>
      }
    />
  );
}
