'use client';
import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['conversion']['breakdown'][number];

/** Each rule's last 30 days: shown → accepted → dismissed → chats → leads → orders → revenue. */
export function RulePerformance({ siteId }: { siteId: string }) {
  const t = useTranslations('rules');
  const tc = useTranslations('conversion');
  const fmt = useFormat();
  const trpc = useTRPC();
  const rows = useQuery(trpc.conversion.breakdown.queryOptions({ siteId, range: { preset: '30d' }, filters: {}, windowDays: 30, dimension: 'rule' }));
  const n = (key: keyof Row, title: string) => ({ key, title, csvTitle: key, align: 'right' as const, value: (r: Row) => Number(r[key]), render: (r: Row) => fmt.number(Number(r[key])) });
  return (
    <Card size="small" title={t('performance')} style={{ marginTop: 16 }}>
      <QueryState query={rows}>
        {(data) => (
          <DataTable<Row>
            rows={data.filter((r) => r.value !== '')}
            rowKey={(r) => r.value}
            filename="invitation-rule-performance"
            testId="rule-performance"
            columns={[
              { key: 'label', title: t('name'), csvTitle: 'rule', value: (r) => r.label },
              n('invited', t('shown')),
              n('accepted', t('accepted')),
              n('dismissed', t('dismissed')),
              n('chatted', tc('step.chatted')),
              n('leads', tc('step.leads')),
              n('chattedBuyers', tc('chattedBuyers')),
              { key: 'revenue', title: tc('revenue'), csvTitle: 'revenue', align: 'right', value: (r) => r.revenue.map((m) => `${m.value} ${m.currency}`).join(' + '), render: (r) => fmt.moneyList(r.revenue) },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
