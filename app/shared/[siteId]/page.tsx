'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, Layout, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { ReportToolbar } from '@/app/_components/report-toolbar';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { OverviewReport } from '@/app/(dashboard)/s/[siteId]/overview/overview-report';
import { PagesReport } from '@/app/(dashboard)/s/[siteId]/pages/pages-report';
import { RetentionReport } from '@/app/(dashboard)/s/[siteId]/retention/retention-report';
import { JourneysReport } from '@/app/(dashboard)/s/[siteId]/journeys/journeys-report';

const VIEWS = ['overview', 'pages', 'retention', 'journeys'] as const;
type View = (typeof VIEWS)[number];

/**
 * A site's analytics opened through a share link: read-only aggregates, no menu, no people.
 * The server decides what a share session may read (server/trpc/init.ts, shareableSiteProcedure);
 * this page only shows those screens.
 */
function Shared() {
  const t = useTranslations('analytics.share');
  const trpc = useTRPC();
  const { input, setParams } = useReportParams();
  const search = useSearchParams();
  const site = useQuery(trpc.share.site.queryOptions({ siteId: input.siteId }, { retry: false }));
  const view: View = (VIEWS as readonly string[]).includes(search.get('view') ?? '')
    ? (search.get('view') as View)
    : 'overview';
  const setView = (v: string) => setParams({ view: v });
  if (site.isError)
    return (
      <Alert type="error" showIcon title={t('refusal.unknown')} style={{ margin: 24 }} data-testid="share-refused" />
    );
  return (
    <Layout style={{ minHeight: '100vh', padding: '16px 16px 32px' }}>
      <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 1280, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="shared-title">
          {site.data?.name ?? ''} <Typography.Text type="secondary">· {t('readOnly')}</Typography.Text>
        </Typography.Title>
        <ReportToolbar timeZone={site.data?.timeZone ?? 'UTC'} />
        <Tabs
          activeKey={view}
          onChange={setView}
          items={VIEWS.map((v) => ({ key: v, label: t(`views.${v}`) }))}
          data-testid="shared-views"
        />
        {view === 'overview' && <OverviewReport />}
        {view === 'pages' && <PagesReport />}
        {view === 'retention' && <RetentionReport />}
        {view === 'journeys' && <JourneysReport />}
      </Space>
    </Layout>
  );
}

export default function SharedPage() {
  return (
    <Suspense>
      <Shared />
    </Suspense>
  );
}
