'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { GOAL_DIMENSIONS, type GoalDimension } from '@/server/contract/goals';

type Row = RouterOutputs['goals']['breakdown']['rows'][number];
type Goal = RouterOutputs['goals']['list'][number];

/** Source / campaign / country / device with one column pair (visitors, rate) per goal. */
export function GoalBreakdown({ siteId, goals }: { siteId: string; goals: Goal[] }) {
  const t = useTranslations('goals.goals');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const [dimension, setDimension] = useState<GoalDimension>('source');
  const data = useQuery(trpc.goals.breakdown.queryOptions({ ...input, dimension }));
  const names = new Map(goals.map((g) => [g.goalId, g.name]));
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {t('byTitle')}
          <Segmented<GoalDimension>
            value={dimension}
            onChange={setDimension}
            options={GOAL_DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
            data-testid="goal-dimension"
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('byHint')}</Typography.Paragraph>
      <QueryState query={data} isEmpty={(d) => d.rows.length === 0}>
        {(d) => {
          const columns: Column<Row>[] = [
            {
              key: 'value',
              title: t(`dimensions.${dimension}`),
              csvTitle: dimension,
              sortable: true,
              value: (r) => r.value,
              render: (r) => r.value || t('empty'),
            },
            {
              key: 'visitors',
              title: t('byVisitors'),
              csvTitle: 'visitors',
              align: 'right',
              sortable: true,
              value: (r) => r.visitors,
              render: (r) => fmt.number(r.visitors),
            },
            ...d.goalIds.flatMap((id, i): Column<Row>[] => {
              const name = names.get(id) ?? id;
              const rate = (r: Row) => (r.visitors ? (r.converted[i] ?? 0) / r.visitors : 0);
              return [
                {
                  key: `${id}-n`,
                  title: name,
                  csvTitle: `${name}_visitors`,
                  align: 'right',
                  sortable: true,
                  value: (r) => r.converted[i] ?? 0,
                  render: (r) => fmt.number(r.converted[i] ?? 0),
                },
                {
                  key: `${id}-r`,
                  title: `${name} %`,
                  csvTitle: `${name}_rate`,
                  align: 'right',
                  sortable: true,
                  value: rate,
                  render: (r) => fmt.percent(rate(r)),
                },
              ];
            }),
          ];
          return (
            <DataTable
              rows={d.rows}
              columns={columns}
              rowKey={(r) => r.value}
              filename={`${siteId}-goals-by-${dimension}`}
              testId="goal-breakdown"
            />
          );
        }}
      </QueryState>
    </Card>
  );
}
