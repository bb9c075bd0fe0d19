'use client';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { moneyColumns } from '@/app/_components/money-columns';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { countColumn, rateColumn } from './figure-columns';
import { GoalBreakdown } from './goal-breakdown';
import { GoalForm } from './goal-form';
import { goalText } from './goal-text';

type Goal = RouterOutputs['goals']['list'][number];
type Figures = RouterOutputs['goals']['report']['rows'][number];
type Row = Goal & Figures;

function Goals() {
  const t = useTranslations('goals.goals');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { siteId = '' } = useSite();
  const fmt = useFormat();
  const { input } = useReportParams();
  const goals = useQuery(trpc.goals.list.queryOptions({ siteId }));
  const report = useQuery(trpc.goals.report.queryOptions(input));
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const remove = useMutation(
    trpc.goals.remove.mutationOptions({
      onSuccess: async () => {
        void message.success(t('deleted'));
        await queryClient.invalidateQueries(trpc.goals.pathFilter());
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const base = report.data?.visitors ?? 0;
  const rows: Row[] = (goals.data ?? []).map((g) => {
    const f = report.data?.rows.find((r) => r.goalId === g.goalId);
    return {
      ...g,
      completions: f?.completions ?? 0,
      visitors: f?.visitors ?? 0,
      orders: f?.orders ?? 0,
      revenue: f?.revenue ?? [],
    };
  });
  const rate = (r: Row) => (base ? r.visitors / base : 0);
  const columns: Column<Row>[] = [
    {
      key: 'name',
      title: t('name'),
      csvTitle: 'goal',
      sortable: true,
      value: (r) => r.name,
      render: (r) => <b>{r.name}</b>,
    },
    { key: 'definition', title: t('definition'), csvTitle: 'definition', value: (r) => goalText(t, r.definition) },
    countColumn<Row>(fmt, 'completions', t('completions'), (r) => r.completions),
    countColumn<Row>(fmt, 'visitors', t('visitors'), (r) => r.visitors),
    rateColumn<Row>(fmt, 'conversion', t('conversion'), rate, 'conversion_rate'),
    countColumn<Row>(fmt, 'orders', t('orders'), (r) => r.orders, 'orders_after'),
    ...moneyColumns(rows, (r) => r.revenue, t('revenue'), fmt),
    {
      key: 'actions',
      title: '',
      value: () => '',
      render: (r) => (
        <Space onClick={(e) => e.stopPropagation()}>
          <Button size="small" onClick={() => setEditing(r)}>
            {t('edit')}
          </Button>
          <Popconfirm
            title={t('deleteConfirm', { name: r.name })}
            onConfirm={() => remove.mutate({ siteId, goalId: r.goalId })}
          >
            <Button size="small" danger>
              {t('delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-goal">
          {t('new')}
        </Button>
      </Space>
      <Card size="small">
        <QueryState query={goals} isEmpty={(g) => g.length === 0}>
          {() => (
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(r) => r.goalId}
              filename={`${siteId}-goals`}
              testId="goals-table"
            />
          )}
        </QueryState>
      </Card>
      {(goals.data?.length ?? 0) > 0 && <GoalBreakdown siteId={siteId} goals={goals.data ?? []} />}
      <GoalForm
        siteId={siteId}
        goal={editing === 'new' || editing === null ? undefined : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}

export default function GoalsPage() {
  return (
    <Suspense>
      <Goals />
    </Suspense>
  );
}
