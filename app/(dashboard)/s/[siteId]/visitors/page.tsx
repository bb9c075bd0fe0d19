'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Input, Space, Tag, type TableColumnType } from 'antd';
import Link from '@/app/_components/link';
import { Suspense, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import type { VisitorSort } from '@/server/contract/lists';
import { Place } from '@/app/_components/country';
import { downloadCsv } from '@/app/_components/csv';
import { ExportButton } from '@/app/_components/export-button';
import { fetchAllRows, type ExportProgress } from '@/app/_components/fetch-all-rows';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { ServerTable, type ServerSort } from '@/app/_components/server-table';
import { useFormat } from '@/app/_components/use-format';
import { useListParams } from '@/app/_components/use-list-params';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { VisitorLabel } from './visitor-label';
import { useTagNames } from '@/app/_components/tag-chips';

const PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;
/** Without a sort (a third click on a header), the most recently seen visitors first. */
const NEWEST: ServerSort<VisitorSort> = { key: 'lastSeen', order: 'desc' };
const SORTS: readonly VisitorSort[] = ['lastSeen', 'firstSeen', 'sessions', 'pageviews'];
type Row = RouterOutputs['visitor']['list']['rows'][number];

function Visitors() {
  const t = useTranslations('visitors');
  const tt = useTranslations('tags');
  const deviceName = useDeviceName();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { site } = useSite();
  const { input, query } = useReportParams();
  const { params, setParams } = useListParams(SORTS, NEWEST);
  const fmt = useFormat(site?.timeZone);
  const [typed, setTyped] = useState(params.q);

  // Debounced: the URL (and the query) follow the box 300 ms after the last key.
  useEffect(() => {
    if (typed.trim() === params.q) return;
    const timer = setTimeout(() => setParams({ q: typed.trim(), page: 1 }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, params.q, setParams]);

  const listInput = {
    ...input,
    search: params.q,
    page: params.page,
    pageSize: PAGE_SIZE,
    sort: params.sort.key,
    order: params.sort.order,
  };
  const visitors = useQuery(trpc.visitor.list.queryOptions(listInput, { placeholderData: (prev) => prev }));

  // A range or filter change can leave the page number past the end: the server then
  // answers no rows (and no total), so go back to the first page.
  const pastEnd =
    params.page > 1 && visitors.data !== undefined && !visitors.isPlaceholderData && visitors.data.rows.length === 0;
  useEffect(() => {
    if (pastEnd) setParams({ page: 1 });
  }, [pastEnd, setParams]);

  const tagNames = useTagNames(input.siteId);
  const exportCsv = async (progress: ExportProgress) => {
    const rows = await fetchAllRows(
      (chunk) => queryClient.fetchQuery(trpc.visitor.list.queryOptions({ ...listInput, page: chunk, all: true })),
      progress,
    );
    const fields = [
      'visitor_id',
      'name',
      'email',
      'phone',
      'country',
      'city',
      'device',
      'browser',
      'os',
      'first_seen',
      'last_seen',
      'visits',
      'pageviews',
      'last_source',
      'chatted',
      'lead',
      'ordered',
      'tags',
    ];
    downloadCsv(
      `${input.siteId}-visitors`,
      fields,
      rows.map((r) => [
        r.visitorId,
        r.name,
        r.email,
        r.phone,
        r.country,
        r.city,
        r.device,
        r.browser,
        r.os,
        new Date(r.firstSeen).toISOString(),
        new Date(r.lastSeen).toISOString(),
        r.sessions,
        r.pageviews,
        r.lastSource,
        r.chatted,
        r.lead,
        r.ordered,
        tagNames.text(r.tagIds),
      ]),
    );
  };

  const columns: TableColumnType<Row>[] = [
    {
      key: 'visitor',
      title: t('visitor'),
      render: (_, r) => (
        <Link
          href={`/s/${encodeURIComponent(input.siteId)}/visitors/${encodeURIComponent(r.visitorId)}?${query}`}
          data-testid="visitor-link"
        >
          <VisitorLabel {...r} />
        </Link>
      ),
    },
    { key: 'location', title: t('location'), render: (_, r) => <Place country={r.country} city={r.city} /> },
    {
      key: 'device',
      title: t('device'),
      render: (_, r) => [r.device ? deviceName(r.device) : '', r.browser, r.os].filter(Boolean).join(' · '),
    },
    { key: 'lastSource', title: t('lastSource'), render: (_, r) => r.lastSource },
    { key: 'tags', title: tt('title'), render: (_, r) => tagNames.chips(r.tagIds) },
    { key: 'sessions', title: t('sessions'), align: 'right', sorter: true, render: (_, r) => fmt.number(r.sessions) },
    {
      key: 'pageviews',
      title: t('pageviews'),
      align: 'right',
      sorter: true,
      render: (_, r) => fmt.number(r.pageviews),
    },
    { key: 'firstSeen', title: t('firstSeen'), sorter: true, render: (_, r) => fmt.dateTime(r.firstSeen) },
    { key: 'lastSeen', title: t('lastSeen'), sorter: true, render: (_, r) => fmt.dateTime(r.lastSeen) },
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
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Card
        size="small"
        title={
          <Input.Search
            allowClear
            placeholder={t('search')}
            aria-label={t('search')}
            maxLength={100}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => setParams({ q: v.trim(), page: 1 })}
            style={{ maxWidth: 360 }}
            data-testid="visitor-search"
          />
        }
        extra={<ExportButton disabled={!visitors.data?.total} run={exportCsv} />}
      >
        <QueryState query={visitors} isEmpty={(d) => d.total === 0 && !pastEnd && params.q === ''}>
          {(data) =>
            data.total === 0 && params.q !== '' && !pastEnd ? (
              <Empty data-state="empty" description={t('noMatch', { q: params.q })} />
            ) : (
              <ServerTable<Row, VisitorSort>
                rows={data.rows}
                total={data.total}
                rowKey="visitorId"
                columns={columns}
                sort={params.sort}
                defaultSort={NEWEST}
                page={params.page}
                pageSize={PAGE_SIZE}
                loading={visitors.isFetching}
                testId="visitors-table"
                totalTestId="visitors-total"
                onPage={(page) => setParams({ page })}
                onSort={(sort) => setParams({ sort, page: 1 })}
              />
            )
          }
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
