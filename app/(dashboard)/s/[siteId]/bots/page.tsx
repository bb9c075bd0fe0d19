'use client';
import { Space } from 'antd';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { BotsReport } from './bots-report';

function Bots() {
  const t = useTranslations('bots');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <BotsReport />
    </Space>
  );
}

export default function BotsPage() {
  return (
    <Suspense>
      <Bots />
    </Suspense>
  );
}
