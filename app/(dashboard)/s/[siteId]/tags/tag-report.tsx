'use client';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { HintTitle } from '@/app/_components/hint-title';
import { moneyColumns } from '@/app/_components/money-columns';
import { QueryState } from '@/app/_components/query-state';
import { ReportToolbar } from '@/app/_components/report-toolbar';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['tag']['report'][number];

/** Per tag, in the range under the page filters: people, chats, leads, orders, revenue and order conversion. */
export function TagReport({ siteId }: { siteId: string }) {
  const t = useTranslations('tags.report');
  const trpc = useTRPC();
  const { site } = useSite();
  const fmt = useFormat(site?.timeZone);
  const { input } = useReportParams();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const report = useQuery(trpc.tag.report.queryOptions(input));
  const byId = new Map((tags.data ?? []).map((tag) => [tag.tagId, tag]));
  const rate = (r: Row) => (r.people ? r.buyers / r.people : 0);
  return (
    <>
      <ReportToolbar timeZone={site?.timeZone ?? 'UTC'} />
      <QueryState query={report} isEmpty={(rows) => rows.length === 0}>
        {(all) => {
          // Deleted tags keep no assignments, but a report read mid-delete may still name one.
          const rows = all.filter((r) => byId.has(r.tagId));
          return (
            <DataTable
              rows={rows}
              rowKey={(r) => r.tagId}
              filename={`${siteId}-tags`}
              testId="tag-report"
              columns={[
                {
                  key: 'tag',
                  title: t('tag'),
                  csvTitle: 'tag',
                  sortable: true,
                  value: (r) => byId.get(r.tagId)?.name ?? '',
                  render: (r) => <Tag color={byId.get(r.tagId)?.color}>{byId.get(r.tagId)?.name}</Tag>,
                },
                {
                  key: 'people',
                  title: <HintTitle text={t('people')} hint={t('peopleHint')} />,
                  csvTitle: 'people',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.people,
                  render: (r) => fmt.number(r.people),
                },
                {
                  key: 'chats',
                  title: t('chats'),
                  csvTitle: 'chats',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.chats,
                },
                {
                  key: 'leads',
                  title: t('leads'),
                  csvTitle: 'leads',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.leads,
                },
                {
                  key: 'orders',
                  title: t('orders'),
                  csvTitle: 'orders',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.orders,
                },
                ...moneyColumns(rows, (r) => r.revenue, t('revenue'), fmt),
                {
                  key: 'conversion',
                  title: <HintTitle text={t('conversion')} hint={t('conversionHint')} />,
                  csvTitle: 'order_conversion',
                  align: 'right',
                  sortable: true,
                  value: rate,
                  render: (r) => fmt.percent(rate(r)),
                },
              ]}
            />
          );
        }}
      </QueryState>
    </>
  );
}
