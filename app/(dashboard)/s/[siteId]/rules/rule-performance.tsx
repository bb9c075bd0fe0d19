'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['rule']['performance'][number];

/** Each rule's last 30 days, invitation by invitation: shown → accepted / dismissed → chats → leads → orders → revenue. */
export function RulePerformance({ siteId }: { siteId: string }) {
  const t = useTranslations('rules');
  const tc = useTranslations('conversion');
  const fmt = useFormat();
  const trpc = useTRPC();
  const rows = useQuery(
    trpc.rule.performance.queryOptions({ siteId, range: { preset: '30d' }, filters: {}, windowDays: 30 }),
  );
  const n = (key: 'shown' | 'accepted' | 'dismissed' | 'chatted' | 'leads' | 'chattedBuyers', title: string) => ({
    key,
    title,
    csvTitle: key,
    align: 'right' as const,
    value: (r: Row) => r[key],
    render: (r: Row) => fmt.number(r[key]),
  });
  const name = (r: Row) => r.name || r.ruleId;
  return (
    <Card size="small" title={t('performance')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('performanceHelp')}</Typography.Paragraph>
      <QueryState query={rows}>
        {(data) => (
          <DataTable<Row>
            rows={data}
            rowKey={(r) => r.ruleId}
            filename="invitation-rule-performance"
            testId="rule-performance"
            columns={[
              {
                key: 'label',
                title: t('name'),
                csvTitle: 'rule',
                value: (r) => (r.deleted ? `${name(r)} (${t('deletedRule')})` : name(r)),
                render: (r) => (
                  <Space size={4}>
                    {name(r)}
                    {r.deleted && <Tag>{t('deletedRule')}</Tag>}
                  </Space>
                ),
              },
              n('shown', t('shown')),
              n('accepted', t('accepted')),
              n('dismissed', t('dismissed')),
              n('chatted', tc('step.chatted')),
              n('leads', tc('step.leads')),
              n('chattedBuyers', tc('chattedBuyers')),
              {
                key: 'revenue',
                title: tc('revenue'),
                csvTitle: 'revenue',
                align: 'right',
                value: (r) => r.revenue.map((m) => `${m.value} ${m.currency}`).join(' + '),
                render: (r) => fmt.moneyList(r.revenue),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
