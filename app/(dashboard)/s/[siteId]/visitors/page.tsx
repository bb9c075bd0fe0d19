'use client';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { Suspense, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { VisitorSort } from '@/server/queries/list-visitors';
import { Country } from '../../../../_components/country';
import { QueryState } from '../../../../_components/query-state';
import { downloadCsv } from '../../../../_components/csv';
import { ReportHeader } from '../../../../_components/report-header';
import { useFormat } from '../../../../_components/use-format';
import { useReportParams } from '../../../../_components/use-report-params';
import { useSite } from '../../../../_components/use-site';
import { useTRPC } from '../../../../_lib/trpc';

const PAGE_SIZE = 20;

function Visitors() {
  const t = useTranslations('visitors');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { site } = useSite();
  const { input, query } = useReportParams();
  const fmt = useFormat(site?.timeZone);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort: VisitorSort; order: 'asc' | 'desc' }>({ sort: 'lastSeen', order: 'desc' });
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const listInput = { ...input, search, page, pageSize: PAGE_SIZE, ...sort };
  const visitors = useQuery(trpc.visitor.list.queryOptions(listInput, { placeholderData: (prev) => prev }));

  const exportCsv = async () => {
    const all = await queryClient.fetchQuery(trpc.visitor.list.queryOptions({ ...listInput, page: 1, pageSize: 10_000 }));
    const fields = ['visitor_id', 'name', 'email', 'phone', 'country', 'city', 'device', 'browser', 'os', 'first_seen', 'last_seen', 'visits', 'pageviews', 'last_source', 'chatted', 'lead', 'ordered'];
    downloadCsv(`${input.siteId}-visitors`, fields, all.rows.map((r) => [r.visitorId, r.name, r.email, r.phone, r.country, r.city, r.device, r.browser, r.os, new Date(r.firstSeen).toISOString(), new Date(r.lastSeen).toISOString(), r.sessions, r.pageviews, r.lastSource, r.chatted, r.lead, r.ordered]));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Card
        size="small"
        title={<Input.Search allowClear placeholder={t('search')} value={typed} onChange={(e) => setTyped(e.target.value)} style={{ maxWidth: 360 }} data-testid="visitor-search" />}
        extra={<Button size="small" icon={<DownloadOutlined />} onClick={() => void exportCsv()} disabled={!visitors.data?.total}>{tc('exportCsv')}</Button>}
      >
        <QueryState query={visitors}>
          {(data) => (
            <Table
              size="small"
              rowKey="visitorId"
              dataSource={data.rows}
              data-testid="visitors-table"
              loading={visitors.isFetching}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, showTotal: (n) => <span data-testid="visitors-total">{tc('total', { count: n })}</span>, onChange: setPage }}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                if (s?.order && s.columnKey) setSort({ sort: s.columnKey as VisitorSort, order: s.order === 'ascend' ? 'asc' : 'desc' });
                else setSort({ sort: 'lastSeen', order: 'desc' });
              }}
              columns={[
                {
                  key: 'visitor',
                  title: t('visitor'),
                  render: (_, r) => (
                    <Link href={`/s/${input.siteId}/visitors/${r.visitorId}?${query}`}>
                      {r.name || r.email || <Typography.Text type="secondary">{t('anonymous')} · {r.visitorId.slice(0, 8)}</Typography.Text>}
                      {r.name && r.email && <Typography.Text type="secondary"> · {r.email}</Typography.Text>}
                    </Link>
                  ),
                },
                { key: 'location', title: t('location'), render: (_, r) => <><Country code={r.country} />{r.city && ` · ${r.city}`}</> },
                { key: 'device', title: t('device'), render: (_, r) => `${r.device ? tc(`device.${r.device as 'desktop'}`) : ''} · ${r.browser} · ${r.os}` },
                { key: 'lastSource', title: t('lastSource'), dataIndex: 'lastSource' },
                { key: 'sessions', title: t('sessions'), align: 'right', sorter: true, render: (_, r) => fmt.number(r.sessions) },
                { key: 'pageviews', title: t('pageviews'), align: 'right', sorter: true, render: (_, r) => fmt.number(r.pageviews) },
                { key: 'firstSeen', title: t('firstSeen'), sorter: true, render: (_, r) => fmt.dateTime(r.firstSeen) },
                { key: 'lastSeen', title: t('lastSeen'), sorter: true, defaultSortOrder: 'descend', render: (_, r) => fmt.dateTime(r.lastSeen) },
                {
                  key: 'outcome',
                  title: t('outcome'),
                  render: (_, r) => (
                    <Space size={2}>
                      {r.chatted && <Tag color="blue">{t('chatted')}</Tag>}
                      {r.lead && <Tag color="gold">{t('lead')}</Tag>}
                      {r.ordered && <Tag color="green">{t('ordered')}</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

export default function VisitorsPage() {
  return (
    <Suspense>
      <Visitors />
    </Suspense>
  );
}
