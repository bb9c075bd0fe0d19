'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Layout, Row, Space, Tabs, Typography } from 'antd';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { ReportToolbar } from '@/app/_components/report-toolbar';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { BreakdownCard, countryRender } from '@/app/(dashboard)/s/[siteId]/overview/breakdown-card';
import { KpiTiles } from '@/app/(dashboard)/s/[siteId]/overview/kpi-tiles';
import { VisitsChart } from '@/app/(dashboard)/s/[siteId]/overview/visits-chart';
import { PagesReport } from '@/app/(dashboard)/s/[siteId]/pages/pages-report';
import { RetentionReport } from '@/app/(dashboard)/s/[siteId]/retention/retention-report';

const VIEWS = ['overview', 'pages', 'retention'] as const;
type View = (typeof VIEWS)[number];

/**
 * A site's analytics opened through a share link: read-only aggregates, no menu, no people.
 * The server decides what a share session may read (server/trpc/init.ts, shareableSiteProcedure);
 * this page only shows those screens.
 */
function Shared() {
  const t = useTranslations('analytics.share');
  const trpc = useTRPC();
  const { input } = useReportParams();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const site = useQuery(trpc.share.site.queryOptions({ siteId: input.siteId }, { retry: false }));
  const view: View = (VIEWS as readonly string[]).includes(search.get('view') ?? '')
    ? (search.get('view') as View)
    : 'overview';
  const setView = (v: string) => {
    const next = new URLSearchParams(search.toString());
    next.set('view', v);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
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
        {view === 'overview' && <SharedOverview />}
        {view === 'pages' && <PagesReport />}
        {view === 'retention' && <RetentionReport />}
      </Space>
    </Layout>
  );
}

function SharedOverview() {
  const t = useTranslations('overview.breakdown');
  const trpc = useTRPC();
  const { input } = useReportParams();
  const overview = useQuery(trpc.report.overview.queryOptions(input));
  const series = useQuery(trpc.report.series.queryOptions(input));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <QueryState query={overview}>
        {(o) => <KpiTiles current={o.current} previous={o.previous} partial={o.range.until < o.range.to} />}
      </QueryState>
      <QueryState query={series} rows={6}>
        {(s) => <VisitsChart points={s.points} bucket={s.range.bucket} timeZone={s.timeZone} />}
      </QueryState>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={t('pages')}
            tabs={[{ key: 'pages', label: t('topPages'), dimension: 'page', filter: 'page', count: 'pageviews' }]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={t('sources')}
            tabs={[{ key: 'sources', label: t('referrers'), dimension: 'source', filter: 'source', count: 'sessions' }]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={t('locations')}
            tabs={[
              {
                key: 'countries',
                label: t('locations'),
                dimension: 'country',
                filter: 'country',
                count: 'pageviews',
                render: countryRender,
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={t('technology')}
            tabs={[{ key: 'browsers', label: t('browsers'), dimension: 'browser', count: 'pageviews' }]}
          />
        </Col>
      </Row>
    </Space>
  );
}

export default function SharedPage() {
  return (
    <Suspense>
      <Shared />
    </Suspense>
  );
}
