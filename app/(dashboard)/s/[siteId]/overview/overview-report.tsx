'use client';
import { useQuery } from '@tanstack/react-query';
import { Col, Row, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import { QueryState } from '@/app/_components/query-state';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { BreakdownCard, countryRender } from './breakdown-card';
import { KpiTiles } from './kpi-tiles';
import { chartParams, VisitsChart } from './visits-chart';

/** The overview's figures, chart and breakdowns: the Overview screen and a share link show the same. */
export function OverviewReport() {
  const t = useTranslations('overview');
  const tc = useTranslations('common');
  const deviceName = useDeviceName();
  const trpc = useTRPC();
  const { input, search, setParams } = useReportParams();
  const chart = chartParams(search);
  const overview = useQuery(trpc.report.overview.queryOptions(input));
  const series = useQuery(
    trpc.report.series.queryOptions(
      { ...input, interval: chart.interval, compare: chart.compare },
      // The chart keeps its last figures while a new interval or overlay loads.
      { placeholderData: (last) => last },
    ),
  );
  const b = (key: string) => t(`breakdown.${key}`);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <QueryState query={overview}>
        {(o) => <KpiTiles current={o.current} previous={o.previous} partial={o.range.until < o.range.to} />}
      </QueryState>
      <QueryState query={series} rows={6}>
        {(s) => <VisitsChart series={s} metric={chart.metric} onChange={setParams} />}
      </QueryState>
      <Typography.Text type="secondary">{tc('filters.hint')}</Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={b('pages')}
            tabs={[
              { key: 'pages', label: b('topPages'), dimension: 'page', filter: 'page', count: 'pageviews' },
              { key: 'entry', label: b('entryPages'), dimension: 'entry', filter: 'page', count: 'sessions' },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={b('sources')}
            tabs={[
              { key: 'sources', label: b('referrers'), dimension: 'source', filter: 'source', count: 'sessions' },
              {
                key: 'utm_source',
                label: b('utmSource'),
                dimension: 'utm_source',
                filter: 'source',
                count: 'sessions',
              },
              { key: 'utm_medium', label: b('utmMedium'), dimension: 'utm_medium', count: 'sessions' },
              {
                key: 'utm_campaign',
                label: b('utmCampaign'),
                dimension: 'utm_campaign',
                filter: 'campaign',
                count: 'sessions',
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <BreakdownCard
            title={b('locations')}
            tabs={[
              {
                key: 'countries',
                label: b('locations'),
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
            title={b('technology')}
            tabs={[
              {
                key: 'devices',
                label: b('devices'),
                dimension: 'device',
                filter: 'device',
                count: 'pageviews',
                render: deviceName,
              },
              { key: 'browsers', label: b('browsers'), dimension: 'browser', count: 'pageviews' },
              { key: 'os', label: b('os'), dimension: 'os', count: 'pageviews' },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}
