'use client';
import { Space } from 'antd';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { RetentionReport } from './retention-report';

function Retention() {
  const t = useTranslations('analytics.retention');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <RetentionReport />
    </Space>
  );
}

export default function RetentionPage() {
  return (
    <Suspense>
      <Retention />
    </Suspense>
  );
}
