'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space } from 'antd';
import { Suspense, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { moneyColumns } from '@/app/_components/money-columns';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { CHAT_CHANNELS, type ChatChannel } from '@/server/contract/channels';
import { ROBOT_AGENT_ID } from '@/server/contract/service-settings';
import { SuggestionUsage } from './suggestion-usage';
import { CallbackWork } from './callback-work';
import { AttributionWindow } from '@/app/(dashboard)/s/[siteId]/conversion/attribution-window';

type Row = RouterOutputs['conversion']['agents'][number];

/** Per agent: how many chats, how fast the first answer, how long, and what the chats turn into. */
function Agents() {
  const t = useTranslations('agents');
  const tr = useTranslations('robot');
  const tc = useTranslations('calls');
  const fmt = useFormat();
  const trpc = useTRPC();
  const { input } = useReportParams();
  const [windowDays, setWindowDays] = useState(30);
  const tm = useTranslations('mail');
  const [channel, setChannel] = useState<ChatChannel | ''>('');
  const agents = useQuery(
    trpc.conversion.agents.queryOptions(
      { ...input, windowDays, channel },
      // The robot's chats are a row of their own, named in the interface language.
      { select: (rows) => rows.map((r) => (r.agentId === ROBOT_AGENT_ID ? { ...r, name: tr('robot') } : r)) },
    ),
  );
  const seconds = (ms: number) => (ms > 0 ? fmt.duration(ms) : '—');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Space wrap>
        <AttributionWindow value={windowDays} onChange={setWindowDays} />
        <Select
          value={channel}
          style={{ width: 160 }}
          aria-label={tm('channel.label')}
          data-testid="agents-channel"
          onChange={setChannel}
          options={(['', ...CHAT_CHANNELS] as const).map((f) => ({ value: f, label: tm(`channel.${f || 'all'}`) }))}
        />
      </Space>
      <QueryState query={agents} isEmpty={(rows) => rows.length === 0}>
        {(rows) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('chart')}>
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} width={40} tickFormatter={(v: number) => fmt.number(v)} />
                  <Tooltip formatter={(v) => fmt.number(Number(v))} />
                  <Legend />
                  <Bar dataKey="chats" name={t('chats')} fill="#4f46e5" />
                  <Bar dataKey="leads" name={t('leads')} fill="#f59e0b" />
                  <Bar dataKey="orders" name={t('orders')} fill="#10b981" />
                </BarChart>
              </ResponsiveContainer>
            </Card>
            <DataTable<Row>
              rows={rows}
              rowKey={(r) => r.agentId}
              filename="agents"
              testId="agents-table"
              columns={[
                { key: 'name', title: t('agent'), csvTitle: 'agent', value: (r) => r.name },
                {
                  key: 'chats',
                  title: t('chats'),
                  csvTitle: 'chats',
                  align: 'right',
                  value: (r) => r.chats,
                  render: (r) => fmt.number(r.chats),
                },
                {
                  key: 'fr',
                  title: t('firstResponse'),
                  csvTitle: 'first_response_median_ms',
                  align: 'right',
                  value: (r) => r.firstResponseMedian,
                  render: (r) => seconds(r.firstResponseMedian),
                },
                {
                  key: 'fr90',
                  title: t('firstResponseP90'),
                  csvTitle: 'first_response_p90_ms',
                  align: 'right',
                  value: (r) => r.firstResponseP90,
                  render: (r) => seconds(r.firstResponseP90),
                },
                {
                  key: 'duration',
                  title: t('duration'),
                  csvTitle: 'duration_median_ms',
                  align: 'right',
                  value: (r) => r.durationMedian,
                  render: (r) => seconds(r.durationMedian),
                },
                {
                  key: 'leads',
                  title: t('leads'),
                  csvTitle: 'leads',
                  align: 'right',
                  value: (r) => r.leads,
                  render: (r) => fmt.number(r.leads),
                },
                {
                  key: 'orders',
                  title: t('orders'),
                  csvTitle: 'orders',
                  align: 'right',
                  value: (r) => r.orders,
                  render: (r) => fmt.number(r.orders),
                },
                ...moneyColumns(rows, (r) => r.revenue, t('revenue'), fmt),
                {
                  key: 'calls',
                  title: tc('report.calls'),
                  csvTitle: 'calls',
                  align: 'right',
                  value: (r) => r.calls,
                  render: (r) => fmt.number(r.calls),
                },
                {
                  key: 'talk',
                  title: tc('report.talkTime'),
                  csvTitle: 'talk_time_ms',
                  align: 'right',
                  value: (r) => r.talkMs,
                  render: (r) => <span data-testid="agent-talk-time">{seconds(r.talkMs)}</span>,
                },
                {
                  key: 'missed',
                  title: tc('report.missed'),
                  csvTitle: 'missed_calls',
                  align: 'right',
                  value: (r) => r.missed,
                  render: (r) => fmt.number(r.missed),
                },
                {
                  key: 'rating',
                  title: t('rating'),
                  csvTitle: 'rating_average',
                  align: 'right',
                  value: (r) => r.ratingAverage,
                  render: (r) =>
                    r.rated ? t('ratingValue', { avg: fmt.rating(r.ratingAverage), n: fmt.number(r.rated) }) : '—',
                },
              ]}
            />
          </Space>
        )}
      </QueryState>
      <SuggestionUsage />
      <CallbackWork />
    </Space>
  );
}

export default function AgentsPage() {
  return (
    <Suspense>
      <Agents />
    </Suspense>
  );
}
