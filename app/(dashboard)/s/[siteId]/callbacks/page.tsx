'use client';
import { PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Tabs, Tag, Typography, type TableColumnType } from 'antd';
import Link from '@/app/_components/link';
import { Suspense, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { CALLBACK_TABS, isOverdue, type CallbackSort, type CallbackTab } from '@/server/contract/callbacks';
import { downloadCsv } from '@/app/_components/csv';
import { ExportButton } from '@/app/_components/export-button';
import { fetchAllRows, type ExportProgress } from '@/app/_components/fetch-all-rows';
import { QueryState } from '@/app/_components/query-state';
import { ServerTable, type ServerSort } from '@/app/_components/server-table';
import { useFormat } from '@/app/_components/use-format';
import { useListParams } from '@/app/_components/use-list-params';
import { useMe, useSite } from '@/app/_components/use-site';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { OutcomeDialog } from './outcome-dialog';

type Row = RouterOutputs['callback']['list']['rows'][number];

const PAGE_SIZE = 20;
const SOONEST: ServerSort<CallbackSort> = { key: 'dueAt', order: 'asc' };
const SORTS: readonly CallbackSort[] = ['dueAt', 'requestedAt', 'name', 'attempts', 'updatedAt'];
const EXTRA = ['tab'] as const;

function Callbacks() {
  const t = useTranslations('callbacks');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useMe();
  const meId = me.data?.id ?? '';
  const { site, siteId = '' } = useSite();
  const timeZone = site?.timeZone ?? 'UTC';
  const fmt = useFormat(timeZone);
  const { params, setParams } = useListParams(SORTS, SOONEST, EXTRA);
  const tab: CallbackTab = (CALLBACK_TABS as readonly string[]).includes(params.extra.tab)
    ? (params.extra.tab as CallbackTab)
    : 'due';
  const { page, sort } = params;
  const [recording, setRecording] = useState<Row | null>(null);

  const listInput = { siteId, tab, page, pageSize: PAGE_SIZE, sort: sort.key, order: sort.order };
  const list = useQuery(
    trpc.callback.list.queryOptions(listInput, { placeholderData: (p) => p, enabled: siteId !== '' }),
  );
  const lists = trpc.callback.list.pathFilter();

  // The hub says when the queue changed (anyone's claim or outcome, a new request) and when
  // the overdue count moved as time passed: read the queue again then, never on a timer.
  const { callbacksChanged, overdueCallbacks } = useVisitorsChatsAgents(siteId);
  useEffect(() => {
    if (callbacksChanged + overdueCallbacks >= 0) void queryClient.invalidateQueries(trpc.callback.list.pathFilter());
  }, [callbacksChanged, overdueCallbacks, queryClient, trpc]);

  const settled = {
    onSettled: () => queryClient.invalidateQueries(lists),
    onError: (e: { message: string }) => void message.error(e.message),
  };
  const claim = useMutation(
    trpc.callback.claim.mutationOptions({ ...settled, onSuccess: () => void message.success(t('claimed')) }),
  );
  const release = useMutation(trpc.callback.release.mutationOptions(settled));
  const record = useMutation(
    trpc.callback.record.mutationOptions({
      ...settled,
      onSuccess: () => {
        setRecording(null);
        void message.success(t('recorded'));
      },
    }),
  );

  const exportCsv = async (progress: ExportProgress) => {
    const rows = await fetchAllRows(
      (chunk) => queryClient.fetchQuery(trpc.callback.list.queryOptions({ ...listInput, page: chunk, all: true })),
      progress,
    );
    downloadCsv(
      `${siteId}-callbacks-${tab}`,
      [
        'callback_id',
        'name',
        'phone',
        'call_at',
        'requested_at',
        'state',
        'claimed_by',
        'outcome',
        'attempts',
        'updated_at',
        'visitor_id',
        'lead_id',
      ],
      rows.map((r) => [
        r.callbackId,
        r.name,
        r.phone,
        new Date(r.dueAt).toISOString(),
        new Date(r.requestedAt).toISOString(),
        r.state,
        r.claimedByName || r.claimedBy,
        r.outcome,
        r.attempts,
        new Date(r.updatedAt).toISOString(),
        r.visitorId,
        r.leadId,
      ]),
    );
  };

  const now = list.data?.now ?? 0;
  const actions = (r: Row) => {
    if (r.state === 'done') return r.outcome ? <Tag>{t(`outcomes.${r.outcome}`)}</Tag> : null;
    const busy = { callbackId: r.callbackId, siteId };
    if (!r.claimedBy)
      return (
        <Button
          size="small"
          type="primary"
          loading={claim.isPending && claim.variables.callbackId === r.callbackId}
          onClick={() => claim.mutate(busy)}
          data-testid="callback-claim"
        >
          {t('claim')}
        </Button>
      );
    if (r.claimedBy !== meId) return null;
    return (
      <Space size="small" wrap>
        <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid="callback-record">
          {t('record')}
        </Button>
        <Button size="small" onClick={() => release.mutate(busy)} data-testid="callback-release">
          {t('release')}
        </Button>
      </Space>
    );
  };

  const columns: TableColumnType<Row>[] = [
    {
      key: 'name',
      title: t('visitor'),
      sorter: true,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="callback-name">{r.name || t('unnamed')}</span>
          <Link href={`/s/${encodeURIComponent(siteId)}/visitors/${encodeURIComponent(r.visitorId)}`}>
            {t('profile')}
          </Link>
        </Space>
      ),
    },
    {
      key: 'phone',
      title: t('phone'),
      render: (_, r) => (
        <Space size="small" wrap>
          {r.tel ? (
            <a href={r.tel} data-testid="callback-tel">
              <PhoneOutlined /> {r.phone}
            </a>
          ) : (
            r.phone
          )}
          {r.sip && (
            <a href={r.sip} data-testid="callback-sip">
              {t('softphone')}
            </a>
          )}
        </Space>
      ),
    },
    {
      key: 'dueAt',
      title: t('dueAt'),
      sorter: true,
      render: (_, r) => {
        const late = isOverdue(r, now);
        return (
          <Space size="small" wrap data-testid="callback-due" data-overdue={late}>
            <Typography.Text type={late ? 'danger' : undefined} strong={late}>
              {fmt.dateTime(r.dueAt)}
            </Typography.Text>
            {late && <Tag color="red">{t('overdue')}</Tag>}
          </Space>
        );
      },
    },
    { key: 'requestedAt', title: t('requestedAt'), sorter: true, render: (_, r) => fmt.dateTime(r.requestedAt) },
    { key: 'attempts', title: t('attempts'), sorter: true, align: 'right', render: (_, r) => fmt.number(r.attempts) },
    {
      key: 'claimedBy',
      title: t('claimedBy'),
      render: (_, r) =>
        r.claimedBy === meId
          ? t('claimedByYou')
          : r.claimedByName || r.claimedBy || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'updatedAt', title: t('updatedAt'), sorter: true, render: (_, r) => fmt.dateTime(r.updatedAt) },
    { key: 'actions', title: tab === 'done' ? t('outcome') : t('actions'), render: (_, r) => actions(r) },
  ];

  const counts = list.data?.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')} · {site?.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')} {t('inZone', { zone: timeZone })}
      </Typography.Paragraph>
      <Card
        size="small"
        title={
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams({ extra: { tab: key === 'due' ? '' : key }, page: 1 })}
            items={CALLBACK_TABS.map((key) => ({
              key,
              label: (
                <span data-testid={`callback-tab-${key}`}>
                  {t(`tabs.${key}`)} {counts && <Tag style={{ marginInlineStart: 4 }}>{counts[key]}</Tag>}
                </span>
              ),
            }))}
            style={{ marginBottom: -12 }}
          />
        }
        extra={<ExportButton disabled={!list.data?.total} run={exportCsv} />}
      >
        <QueryState query={list}>
          {(data) =>
            data.total === 0 ? (
              <Empty data-state="empty" description={t(`empty.${tab}`)} />
            ) : (
              <ServerTable<Row, CallbackSort>
                rows={data.rows}
                total={data.total}
                rowKey="callbackId"
                columns={columns}
                sort={sort}
                defaultSort={SOONEST}
                page={page}
                pageSize={PAGE_SIZE}
                loading={list.isFetching}
                testId="callbacks-table"
                totalTestId="callbacks-total"
                onPage={(p) => setParams({ page: p })}
                onSort={(next) => setParams({ sort: next, page: 1 })}
              />
            )
          }
        </QueryState>
      </Card>
      <OutcomeDialog
        open={recording !== null}
        timeZone={timeZone}
        saving={record.isPending}
        onCancel={() => setRecording(null)}
        onSave={(result) => recording && record.mutate({ siteId, callbackId: recording.callbackId, result })}
      />
    </Space>
  );
}

export default function CallbacksPage() {
  return (
    <Suspense>
      <Callbacks />
    </Suspense>
  );
}
