'use client';
import { Card, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type ConversionFunnel = RouterOutputs['conversion']['funnel']['current'];
import { useFormat } from '@/app/_components/use-format';

type Path = 'invited' | 'asked';
const STEPS: Record<Path, string[]> = {
  invited: ['visitors', 'engaged', 'shown', 'accepted', 'chatted', 'called', 'leads', 'ordered'],
  asked: ['visitors', 'engaged', 'asked', 'chatted', 'called', 'leads', 'ordered'],
};

/**
 * Visit → … → order, for proactive invitations or for chats the visitor started; each step against the one
 * before and against the previous period. "Called" counts those of the chat step whose web call was
 * answered; lead and order follow from the chat step, called or not.
 */
export function FunnelCard({ current, previous }: { current: ConversionFunnel; previous: ConversionFunnel }) {
  const t = useTranslations('conversion');
  const fmt = useFormat();
  const [path, setPath] = useState<Path>('invited');
  const cur = current[path] as Record<string, number>;
  const prev = previous[path] as Record<string, number>;
  const rows = STEPS[path].map((step, i) => {
    // "called" sits beside the chat step: it and the step after it are rated against chats.
    const stepBefore = STEPS[path][i - 1] === 'called' ? 'chatted' : STEPS[path][i - 1];
    const before = stepBefore === undefined ? undefined : cur[stepBefore];
    return {
      step,
      label: t(`step.${step}`),
      count: cur[step] ?? 0,
      previous: prev[step] ?? 0,
      rate: before ? (cur[step] ?? 0) / before : undefined,
    };
  });
  return (
    <Card
      size="small"
      title={t('funnel')}
      extra={
        <Segmented<Path>
          value={path}
          onChange={setPath}
          options={[
            { value: 'invited', label: t('pathInvited') },
            { value: 'asked', label: t('pathAsked') },
          ]}
          data-testid="funnel-path"
        />
      }
      styles={{ title: { whiteSpace: 'normal' } }}
      data-testid="funnel"
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 48, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} />
          <YAxis type="category" dataKey="label" width={140} />
          <Tooltip formatter={(v) => fmt.number(Number(v))} />
          <Legend />
          <Bar dataKey="count" name={t('thisPeriod')} fill="#4f46e5">
            <LabelList dataKey="count" position="right" formatter={(v) => fmt.number(Number(v))} />
          </Bar>
          <Bar dataKey="previous" name={t('previousPeriod')} fill="#c7d2fe" />
        </BarChart>
      </ResponsiveContainer>
      <Table
        size="small"
        pagination={false}
        rowKey="step"
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        data-testid="funnel-table"
        columns={[
          { title: t('stepTitle'), dataIndex: 'label' },
          {
            title: t('count'),
            dataIndex: 'count',
            align: 'right',
            render: (v: number) => <span data-testid="funnel-count">{fmt.number(v)}</span>,
          },
          {
            title: t('stepRate'),
            dataIndex: 'rate',
            align: 'right',
            render: (v?: number) => (v === undefined ? '—' : fmt.percent(v)),
          },
          { title: t('previousPeriod'), dataIndex: 'previous', align: 'right', render: (v: number) => fmt.number(v) },
          {
            title: t('change'),
            key: 'change',
            align: 'right',
            render: (_: unknown, r: { count: number; previous: number }) =>
              r.previous ? (
                <Typography.Text type={r.count >= r.previous ? 'success' : 'danger'}>
                  {fmt.percent((r.count - r.previous) / r.previous)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
