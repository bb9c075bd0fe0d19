'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['assist']['usage'][number];

/** Knowledge-base suggestions per agent: how many were shown, how many used, and the rate. */
export function SuggestionUsage() {
  const t = useTranslations('assist.usage');
  const fmt = useFormat();
  const trpc = useTRPC();
  const { input } = useReportParams();
  const usage = useQuery(trpc.assist.usage.queryOptions(input));
  return (
    <Card size="small" title={t('title')} data-testid="suggestion-usage">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('note')}
      </Typography.Paragraph>
      <QueryState query={usage} rows={2}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty data-state="empty" description={t('empty')} />
          ) : (
            <DataTable<Row>
              rows={rows}
              rowKey={(r) => r.userId}
              filename="suggestion-use"
              testId="suggestion-usage-table"
              columns={[
                { key: 'name', title: t('agent'), csvTitle: 'agent', value: (r) => r.name },
                {
                  key: 'shown',
                  title: t('shown'),
                  csvTitle: 'shown',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.shown,
                  render: (r) => fmt.number(r.shown),
                },
                {
                  key: 'used',
                  title: t('used'),
                  csvTitle: 'used',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.used,
                  render: (r) => fmt.number(r.used),
                },
                {
                  key: 'rate',
                  title: t('rate'),
                  csvTitle: 'use_rate',
                  align: 'right',
                  sortable: true,
                  value: (r) => r.rate,
                  render: (r) => fmt.percent(r.rate),
                },
              ]}
            />
          )
        }
      </QueryState>
    </Card>
  );
}
