'use client';
import { Space } from 'antd';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { JourneysReport } from './journeys-report';

function Journeys() {
  const t = useTranslations('journeys');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <JourneysReport />
    </Space>
  );
}

export default function JourneysPage() {
  return (
    <Suspense>
      <Journeys />
    </Suspense>
  );
}
