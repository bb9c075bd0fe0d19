'use client';
import { Space } from 'antd';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { PagesReport } from './pages-report';

function Pages() {
  const t = useTranslations('analytics.pages');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <PagesReport />
    </Space>
  );
}

export default function PagesPage() {
  return (
    <Suspense>
      <Pages />
    </Suspense>
  );
}
