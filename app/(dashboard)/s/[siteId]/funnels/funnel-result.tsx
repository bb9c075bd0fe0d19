'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { FUNNEL_BREAKDOWNS, type FunnelBreakdown, type FunnelDefinitionInput } from '@/server/contract/funnels';

type Row = RouterOutputs['funnels']['run'][number];
interface StepRow {
  n: number;
  label: string;
  visitors: number;
  ofFirst: number;
  dropOff: number;
  medianMs: number | null;
}

function useDuration() {
  const t = useTranslations('goals.funnels.duration');
  return (ms: number) => {
    const s = ms / 1000;
    if (s < 90) return t('s', { n: Math.round(s) });
    if (s < 90 * 60) return t('m', { n: Math.round(s / 60) });
    if (s < 36 * 3600) return t('h', { n: Math.round(s / 360) / 10 });
    return t('d', { n: Math.round(s / 8640) / 10 });
  };
}

/** Steps reached, share of step 1, drop-off and median time, then the same per breakdown value. */
export function FunnelResult({
  siteId,
  definition,
  labels,
}: {
  siteId: string;
  definition: FunnelDefinitionInput;
  labels: string[];
}) {
  const t = useTranslations('goals.funnels');
  const tg = useTranslations('goals.goals');
  const trpc = useTRPC();
  const fmt = useFormat();
  const duration = useDuration();
  const { input } = useReportParams();
  const [breakdown, setBreakdown] = useState<FunnelBreakdown>('none');
  const total = useQuery(trpc.funnels.run.queryOptions({ ...input, definition, breakdown: 'none' }));
  const split = useQuery({
    ...trpc.funnels.run.queryOptions({ ...input, definition, breakdown }),
    enabled: breakdown !== 'none',
  });
  const stepRows = (r: Row | undefined): StepRow[] =>
    labels.map((label, i) => {
      const visitors = r?.reached[i] ?? 0;
      const first = r?.reached[0] ?? 0;
      const prev = i === 0 ? visitors : (r?.reached[i - 1] ?? 0);
      return {
        n: i + 1,
        label,
        visitors,
        ofFirst: first ? visitors / first : 0,
        dropOff: prev ? (prev - visitors) / prev : 0,
        medianMs: i === 0 ? null : (r?.medianMs[i - 1] ?? 0),
      };
    });
  const columns: Column<StepRow>[] = [
    { key: 'step', title: t('stepCol'), csvTitle: 'step', value: (r) => `${r.n}. ${r.label}` },
    {
      key: 'visitors',
      title: t('visitors'),
      csvTitle: 'visitors',
      align: 'right',
      value: (r) => r.visitors,
      render: (r) => fmt.number(r.visitors),
    },
    {
      key: 'bar',
      title: t('ofFirst'),
      csvTitle: 'of_step_1',
      value: (r) => r.ofFirst,
      width: 220,
      render: (r) => <Progress percent={Math.round(r.ofFirst * 1000) / 10} size="small" />,
    },
    {
      key: 'drop',
      title: t('dropOff'),
      csvTitle: 'drop_off',
      align: 'right',
      value: (r) => r.dropOff,
      render: (r) => (r.n === 1 ? '—' : fmt.percent(r.dropOff)),
    },
    {
      key: 'time',
      title: t('medianTime'),
      csvTitle: 'median_ms_from_previous',
      align: 'right',
      value: (r) => r.medianMs ?? '',
      render: (r) => (r.medianMs === null || r.visitors === 0 ? '—' : duration(r.medianMs)),
    },
  ];
  const splitColumns: Column<Row>[] = [
    {
      key: 'value',
      title: t('byValue'),
      csvTitle: breakdown,
      sortable: true,
      value: (r) => r.value,
      render: (r) => r.value || tg('empty'),
    },
    ...labels.map((label, i): Column<Row> => ({
      key: `s${i}`,
      title: `${i + 1}. ${label}`,
      csvTitle: `step_${i + 1}`,
      align: 'right',
      sortable: true,
      value: (r) => r.reached[i] ?? 0,
      render: (r) => fmt.number(r.reached[i] ?? 0),
    })),
  ];
  return (
    <Card size="small" title={t('result')}>
      <QueryState query={total}>
        {(rows) =>
          (rows[0]?.reached[0] ?? 0) === 0 ? (
            <Typography.Text type="secondary">{t('noVisitors')}</Typography.Text>
          ) : (
            <DataTable
              rows={stepRows(rows[0])}
              columns={columns}
              rowKey={(r) => r.n}
              filename={`${siteId}-funnel`}
              pageSize={8}
              testId="funnel-result"
            />
          )
        }
      </QueryState>
      <Space style={{ margin: '16px 0 8px' }} wrap>
        {t('breakdown')}
        <Select<FunnelBreakdown>
          value={breakdown}
          onChange={setBreakdown}
          style={{ width: 160 }}
          aria-label={t('breakdown')}
          options={FUNNEL_BREAKDOWNS.map((b) => ({
            value: b,
            label: b === 'none' ? t('byNone') : tg(`dimensions.${b}`),
          }))}
        />
      </Space>
      {breakdown !== 'none' && <Typography.Paragraph type="secondary">{t('breakdownHint')}</Typography.Paragraph>}
      {breakdown !== 'none' && (
        <QueryState query={split} isEmpty={(rows) => rows.length === 0}>
          {(rows) => (
            <DataTable
              rows={rows}
              columns={splitColumns}
              rowKey={(r) => r.value}
              filename={`${siteId}-funnel-by-${breakdown}`}
              testId="funnel-breakdown"
            />
          )}
        </QueryState>
      )}
    </Card>
  );
}
