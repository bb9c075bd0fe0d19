'use client';
import { Space } from 'antd';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportHeader } from '@/app/_components/report-header';
import { useReportParams } from '@/app/_components/use-report-params';
import { OverviewReport } from './overview-report';
import { ShareLinksButton } from './share-links';
import { VisitorsNow } from './visitors-now';

function Overview() {
  const t = useTranslations('overview');
  const { input } = useReportParams();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12, marginTop: -12 }}
      >
        <VisitorsNow siteId={input.siteId} />
        <ShareLinksButton siteId={input.siteId} />
      </div>
      <OverviewReport />
    </Space>
  );
}

export default function OverviewPage() {
  return (
    <Suspense>
      <Overview />
    </Suspense>
  );
}
