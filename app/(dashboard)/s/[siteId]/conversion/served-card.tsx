'use client';
import { Card, Table } from 'antd';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Served = RouterOutputs['conversion']['funnel']['current']['served'];
const KINDS = ['robot', 'handedOver', 'person'] as const;
type Row = Served['robot'] & { kind: (typeof KINDS)[number] };

/** The funnel's chat step split by who served the first chat: the robot's part in consult-to-order. */
export function ServedCard({ served }: { served: Served }) {
  const t = useTranslations('robot');
  const fmt = useFormat();
  const rate = (n: number, of: number) => (of > 0 ? fmt.percent(n / of) : '—');
  const rows: Row[] = KINDS.map((kind) => ({ kind, ...served[kind] }));
  return (
    <Card size="small" title={t('served.title')} data-testid="served-card">
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="kind"
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('served.by'), dataIndex: 'kind', render: (k: Row['kind']) => t(`served.${k}`) },
          { title: t('served.chatted'), dataIndex: 'chatted', align: 'right', render: (v: number) => fmt.number(v) },
          { title: t('served.leads'), dataIndex: 'leads', align: 'right', render: (v: number) => fmt.number(v) },
          {
            title: t('served.leadRate'),
            key: 'leadRate',
            align: 'right',
            render: (_: unknown, r: Row) => rate(r.leads, r.chatted),
          },
          { title: t('served.ordered'), dataIndex: 'ordered', align: 'right', render: (v: number) => fmt.number(v) },
          {
            title: t('served.orderRate'),
            key: 'orderRate',
            align: 'right',
            render: (_: unknown, r: Row) => rate(r.ordered, r.chatted),
          },
        ]}
      />
    </Card>
  );
}
