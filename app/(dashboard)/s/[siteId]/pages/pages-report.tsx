'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';

/** Exit pages, entry → exit pairs and outbound clicks of the range; the signed-in and the shared view both show it. */
export function PagesReport() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ExitPages />
      </Col>
      <Col xs={24} xl={12}>
        <Outbound />
      </Col>
      <Col xs={24}>
        <EntryExit />
      </Col>
    </Row>
  );
}

function ExitPages() {
  const t = useTranslations('analytics.pages');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input, setFilter } = useReportParams();
  const rows = useQuery(trpc.pages.exits.queryOptions(input));
  return (
    <Card size="small" title={t('exits')}>
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => r.value}
            filename={`${input.siteId}-exit-pages`}
            testId="exit-pages"
            onRowClick={(r) => setFilter('page', r.value)}
            columns={[
              { key: 'value', title: t('page'), csvTitle: 'page', value: (r) => r.value },
              {
                key: 'exits',
                title: t('exitCount'),
                csvTitle: 'exits',
                value: (r) => r.exits,
                render: (r) => fmt.number(r.exits),
                align: 'right',
                width: 80,
              },
              {
                key: 'pageviews',
                title: t('pageviews'),
                csvTitle: 'pageviews',
                value: (r) => r.pageviews,
                render: (r) => fmt.number(r.pageviews),
                align: 'right',
                width: 90,
              },
              {
                key: 'rate',
                title: t('exitRate'),
                csvTitle: 'exit_rate',
                value: (r) => (r.pageviews ? r.exits / r.pageviews : 0),
                render: (r) => fmt.percent(r.pageviews ? r.exits / r.pageviews : 0),
                align: 'right',
                width: 90,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

function Outbound() {
  const t = useTranslations('analytics.pages');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const [group, setGroup] = useState<'domain' | 'url'>('domain');
  const rows = useQuery(trpc.pages.outbound.queryOptions({ ...input, group }));
  return (
    <Card
      size="small"
      title={t('outbound')}
      extra={
        <Segmented
          size="small"
          value={group}
          onChange={(v) => setGroup(v as 'domain' | 'url')}
          options={[
            { value: 'domain', label: t('byDomain') },
            { value: 'url', label: t('byUrl') },
          ]}
          data-testid="outbound-group"
        />
      }
    >
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => r.value}
            filename={`${input.siteId}-outbound-${group}`}
            testId="outbound-links"
            columns={[
              {
                key: 'value',
                title: group === 'domain' ? t('domain') : t('url'),
                csvTitle: group,
                value: (r) => r.value,
                render: (r) => <span style={{ wordBreak: 'break-all' }}>{r.value}</span>,
              },
              {
                key: 'clicks',
                title: t('clicks'),
                csvTitle: 'clicks',
                value: (r) => r.clicks,
                render: (r) => fmt.number(r.clicks),
                align: 'right',
                width: 80,
              },
              {
                key: 'visitors',
                title: t('visitors'),
                csvTitle: 'visitors',
                value: (r) => r.visitors,
                render: (r) => fmt.number(r.visitors),
                align: 'right',
                width: 90,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

function EntryExit() {
  const t = useTranslations('analytics.pages');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const rows = useQuery(trpc.pages.entryExit.queryOptions(input));
  return (
    <Card size="small" title={t('entryExit')}>
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => `${r.entry}→${r.exit}`}
            filename={`${input.siteId}-entry-exit`}
            testId="entry-exit"
            columns={[
              { key: 'entry', title: t('entry'), csvTitle: 'entry', value: (r) => r.entry },
              { key: 'exit', title: t('exit'), csvTitle: 'exit', value: (r) => r.exit },
              {
                key: 'sessions',
                title: t('sessions'),
                csvTitle: 'sessions',
                value: (r) => r.sessions,
                render: (r) => fmt.number(r.sessions),
                align: 'right',
                width: 90,
              },
              {
                key: 'visitors',
                title: t('visitors'),
                csvTitle: 'visitors',
                value: (r) => r.visitors,
                render: (r) => fmt.number(r.visitors),
                align: 'right',
                width: 90,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
