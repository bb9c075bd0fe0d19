'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { HintTitle } from '@/app/_components/hint-title';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';

/** A right-aligned count column, formatted and exported under `key`. */
function countColumn<T>(
  key: string,
  title: string,
  value: (row: T) => number,
  format: (n: number) => string,
): Column<T> {
  return { key, title, csvTitle: key, value, render: (r) => format(value(r)), align: 'right', width: 90 };
}

/** Time on page, exit pages, entry → exit pairs and outbound clicks of the range; the signed-in and the shared view both show it. */
export function PagesReport() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <PageEngagement />
      </Col>
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

function PageEngagement() {
  const t = useTranslations('analytics.pages');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input, setFilter } = useReportParams();
  const rows = useQuery(trpc.pages.engagement.queryOptions(input));
  return (
    <Card size="small" title={<HintTitle text={t('engagement')} hint={t('engagementHint')} />}>
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(r) => r.value}
            filename={`${input.siteId}-page-engagement`}
            testId="page-engagement"
            onRowClick={(r) => setFilter('page', r.value)}
            columns={[
              { key: 'value', title: t('page'), csvTitle: 'page', value: (r) => r.value },
              countColumn<(typeof data)[number]>('pageviews', t('pageviews'), (r) => r.pageviews, fmt.number),
              countColumn<(typeof data)[number]>('visitors', t('visitors'), (r) => r.visitors, fmt.number),
              {
                key: 'time',
                title: t('timeOnPage'),
                csvTitle: 'avg_time_on_page_s',
                value: (r) => Math.round(r.avgTimeMs / 1000),
                render: (r) => fmt.duration(r.avgTimeMs),
                align: 'right',
                width: 110,
              },
              {
                key: 'scroll',
                title: t('scrollDepth'),
                csvTitle: 'scroll_depth_pct',
                value: (r) => Math.round(r.scrollPct),
                render: (r) => (r.scrollPct > 0 ? fmt.percent(r.scrollPct / 100) : '—'),
                align: 'right',
                width: 110,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
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
              countColumn<(typeof data)[number]>('exits', t('exitCount'), (r) => r.exits, fmt.number),
              countColumn<(typeof data)[number]>('pageviews', t('pageviews'), (r) => r.pageviews, fmt.number),
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
              countColumn<(typeof data)[number]>('clicks', t('clicks'), (r) => r.clicks, fmt.number),
              countColumn<(typeof data)[number]>('visitors', t('visitors'), (r) => r.visitors, fmt.number),
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
              countColumn<(typeof data)[number]>('sessions', t('sessions'), (r) => r.sessions, fmt.number),
              countColumn<(typeof data)[number]>('visitors', t('visitors'), (r) => r.visitors, fmt.number),
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
