'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Select, Space, Tag, type TableColumnType } from 'antd';
import { useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { Country } from '@/app/_components/country';
import { downloadCsv } from '@/app/_components/csv';
import { ExportButton } from '@/app/_components/export-button';
import { fetchAllRows, type ExportProgress } from '@/app/_components/fetch-all-rows';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { ServerTable, type ServerSort } from '@/app/_components/server-table';
import { useFormat } from '@/app/_components/use-format';
import { useListParams } from '@/app/_components/use-list-params';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';
import { ChatDrawerById, TranscriptDrawer, visitorName, type HistoryRow } from './transcript-drawer';
import { CHAT_SERVED_FILTERS, type ChatServedFilter, type ChatSort } from '@/server/contract/lists';
import { useTagNames } from '@/app/_components/tag-chips';
import { ROBOT_AGENT_ID } from '@/server/contract/service-settings';
import { CHAT_CHANNELS } from '@/server/contract/channels';
import { ChannelTag } from '@/app/_components/channel-tag';
import { CallsFilter, ChatCallsCell } from './chat-calls';

const PAGE_SIZE = 20;
const NEWEST: ServerSort<ChatSort> = { key: 'startedAt', order: 'desc' };
const SORTS: readonly ChatSort[] = ['startedAt', 'messages', 'rating'];
const EXTRA = ['agent', 'robot', 'term', 'channel', 'calls'] as const;
const robotFilter = (v: string): ChatServedFilter => CHAT_SERVED_FILTERS.find((f) => f === v) ?? '';
const CHANNEL_FILTERS = ['', ...CHAT_CHANNELS] as const;
type ChannelFilter = (typeof CHANNEL_FILTERS)[number];
const channelFilter = (v: string): ChannelFilter => CHANNEL_FILTERS.find((f) => f === v) ?? '';

/** Past chats of the range, newest first; a click opens the transcript. */
function ChatHistory() {
  const t = useTranslations('chat');
  const tt = useTranslations('tags');
  const tr = useTranslations('robot');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { site, siteId = '' } = useSite();
  const fmt = useFormat(site?.timeZone);
  const { input } = useReportParams();
  const { params, setParams } = useListParams(SORTS, NEWEST, EXTRA);
  const { page, sort } = params;
  const agentId = params.extra.agent;
  const robot = robotFilter(params.extra.robot);
  const channel = channelFilter(params.extra.channel);
  const withCalls = params.extra.calls === '1';
  const tm = useTranslations('mail');
  const tc = useTranslations('calls');
  const agentLabel = (id: string, name: string) => (id === ROBOT_AGENT_ID ? tr('robot') : name);
  // ?term=<word> from the Hot words screen: only chats where the visitor wrote it.
  const term = params.extra.term;
  const [opened, setOpened] = useState<HistoryRow | null>(null);
  // ?chat=<id> opens one chat whenever it was (the Live drawer links here).
  const linkedChat = useSearchParams().get('chat');
  const [linkClosed, setLinkClosed] = useState(false);
  const listInput = {
    ...input,
    agentId,
    robot,
    channel,
    term,
    withCalls,
    page,
    pageSize: PAGE_SIZE,
    sort: sort.key,
    order: sort.order,
  };
  const chats = useQuery(trpc.chatHistory.list.queryOptions(listInput, { placeholderData: (prev) => prev }));
  const duration = (r: HistoryRow) => (r.endedAt > 0 ? fmt.duration(r.endedAt - r.startedAt) : t('past.stillOpen'));

  const tagNames = useTagNames(siteId);
  const exportCsv = async (progress: ExportProgress) => {
    const rows = await fetchAllRows(
      (chunk) => queryClient.fetchQuery(trpc.chatHistory.list.queryOptions({ ...listInput, page: chunk, all: true })),
      progress,
    );
    downloadCsv(
      `${siteId}-chats`,
      [
        'chat_id',
        'started_at',
        'ended_at',
        'visitor_id',
        'name',
        'email',
        'agent',
        'started_by',
        'messages',
        'rating',
        'lead',
        'country',
        'tags',
        'served_by',
        'channel',
        'calls',
        'missed_calls',
        'call_seconds',
      ],
      rows.map((r) => [
        r.chatId,
        new Date(r.startedAt).toISOString(),
        r.endedAt > 0 ? new Date(r.endedAt).toISOString() : '',
        r.visitorId,
        r.name,
        r.email,
        r.agentName,
        r.origin,
        r.messages,
        r.rating || '',
        r.lead ? 'yes' : '',
        r.country,
        tagNames.text(r.tagIds),
        r.served,
        r.channel,
        r.calls,
        r.missedCalls,
        Math.round(r.callMs / 1000),
      ]),
    );
  };

  const columns: TableColumnType<HistoryRow>[] = [
    { key: 'startedAt', title: t('past.started'), sorter: true, render: (_, r) => fmt.dateTime(r.startedAt) },
    {
      key: 'visitor',
      title: t('past.visitor'),
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => setOpened(r)}
          data-testid="chat-open"
        >
          {visitorName(r, t('anonymous'))}
        </Button>
      ),
    },
    {
      key: 'agent',
      title: t('past.agent'),
      render: (_, r) => (
        <>
          {r.agentName ? agentLabel(r.agentId, r.agentName) : <Tag color="orange">{t('past.notAnswered')}</Tag>}
          {r.served === 'handed_over' && (
            <Tag color="cyan" style={{ marginInlineStart: 6 }} data-testid="handed-over">
              {tr('handedOver')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'channel', title: tm('channel.label'), render: (_, r) => <ChannelTag channel={r.channel} /> },
    {
      key: 'origin',
      title: t('past.how'),
      render: (_, r) =>
        r.channel !== 'web' ? null : r.origin === 'invitation' ? (
          <Tag color="purple">{t('invited')}</Tag>
        ) : (
          <Tag color="blue">{t('fromVisitor')}</Tag>
        ),
    },
    { key: 'duration', title: t('past.duration'), align: 'right', render: (_, r) => duration(r) },
    {
      key: 'messages',
      title: t('past.messages'),
      sorter: true,
      align: 'right',
      render: (_, r) => fmt.number(r.messages),
    },
    {
      key: 'rating',
      title: t('past.rating'),
      sorter: true,
      align: 'right',
      render: (_, r) => (r.rating > 0 ? `${r.rating}/5` : '—'),
    },
    { key: 'calls', title: tc('report.calls'), render: (_, r) => <ChatCallsCell chat={r} fmt={fmt} /> },
    {
      key: 'lead',
      title: t('past.lead'),
      render: (_, r) => (r.lead ? <Tag color="gold">{t('past.lead')}</Tag> : null),
    },
    { key: 'country', title: t('past.country'), render: (_, r) => <Country code={r.country} /> },
    { key: 'tags', title: tt('title'), render: (_, r) => tagNames.chips(r.tagIds) },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('past.title')} />
      <Card
        size="small"
        title={
          <Space wrap>
            <Select
              value={agentId}
              style={{ width: 220 }}
              aria-label={t('past.agentFilter')}
              data-testid="chat-history-agent"
              onChange={(a) => setParams({ extra: { agent: a }, page: 1 })}
              options={[
                { value: '', label: t('past.allAgents') },
                ...(chats.data?.agents ?? []).map((a) => ({
                  value: a.agentId,
                  label: agentLabel(a.agentId, a.agentName),
                })),
              ]}
            />
            <Select
              value={robot}
              style={{ width: 200 }}
              aria-label={tr('filter.label')}
              data-testid="chat-history-robot"
              onChange={(v) => setParams({ extra: { robot: v }, page: 1 })}
              options={CHAT_SERVED_FILTERS.map((f) => ({ value: f, label: tr(`filter.${f || 'all'}`) }))}
            />
            <Select
              value={channel}
              style={{ width: 160 }}
              aria-label={tm('channel.label')}
              data-testid="chat-history-channel"
              onChange={(v) => setParams({ extra: { channel: v }, page: 1 })}
              options={CHANNEL_FILTERS.map((f) => ({ value: f, label: tm(`channel.${f || 'all'}`) }))}
            />
            <CallsFilter value={withCalls} onChange={(w) => setParams({ extra: { calls: w ? '1' : '' }, page: 1 })} />
            {term && (
              <Tag closable onClose={() => setParams({ extra: { term: '' }, page: 1 })} data-testid="chat-history-term">
                {t('past.containing', { term })}
              </Tag>
            )}
          </Space>
        }
        extra={<ExportButton disabled={!chats.data?.total} run={exportCsv} />}
      >
        <QueryState
          query={chats}
          isEmpty={(d) =>
            d.total === 0 && agentId === '' && robot === '' && channel === '' && term === '' && !withCalls
          }
        >
          {(data) => (
            <ServerTable<HistoryRow, ChatSort>
              rows={data.rows}
              total={data.total}
              rowKey="chatId"
              columns={columns}
              sort={sort}
              defaultSort={NEWEST}
              page={page}
              pageSize={PAGE_SIZE}
              loading={chats.isFetching}
              testId="chat-history-table"
              totalTestId="chat-history-total"
              onPage={(p) => setParams({ page: p })}
              onSort={(next) => setParams({ sort: next, page: 1 })}
            />
          )}
        </QueryState>
      </Card>
      <TranscriptDrawer chat={opened} siteId={siteId} fmt={fmt} onClose={() => setOpened(null)} />
      <ChatDrawerById
        chatId={linkClosed ? null : linkedChat}
        siteId={siteId}
        fmt={fmt}
        onClose={() => setLinkClosed(true)}
      />
    </Space>
  );
}

export default function ChatHistoryPage() {
  return (
    <Suspense>
      <ChatHistory />
    </Suspense>
  );
}
