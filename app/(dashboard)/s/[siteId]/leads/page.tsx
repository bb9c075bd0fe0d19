'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Space, Typography, type TableColumnType } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { LEAD_STATUSES, type LeadStatus } from '@/server/contract/lead-schema';
import type { LeadSort } from '@/server/contract/lists';
import type { RouterOutputs } from '@/app/_lib/trpc';

type LeadListRow = RouterOutputs['lead']['list']['rows'][number];
import { Country } from '@/app/_components/country';
import { downloadCsv } from '@/app/_components/csv';
import { ExportButton } from '@/app/_components/export-button';
import { fetchAllRows, type ExportProgress } from '@/app/_components/fetch-all-rows';
import { QueryState } from '@/app/_components/query-state';
import { ServerTable, type ServerSort } from '@/app/_components/server-table';
import { useFormat } from '@/app/_components/use-format';
import { useListParams } from '@/app/_components/use-list-params';
import { useMe, useSite } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';
import { LeadDrawer } from './lead-drawer';
import { LeadStatusSelect } from './lead-status-select';
import { useLeadUpdate } from './use-lead-update';
import { useTagNames } from '@/app/_components/tag-chips';
import { TagFilter } from '@/app/_components/tag-filter';

const PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;
/** Without a sort (a third click on a header), the newest leads first. */
const NEWEST: ServerSort<LeadSort> = { key: 'createdAt', order: 'desc' };
const SORTS: readonly LeadSort[] = ['name', 'status', 'createdAt', 'updatedAt'];
const EXTRA = ['status', 'tag', 'notTag'] as const;

function Leads() {
  const t = useTranslations('leads');
  const tt = useTranslations('tags');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const { site, siteId = '' } = useSite();
  const fmt = useFormat(site?.timeZone);
  const update = useLeadUpdate();
  const editable = me.data?.capabilities.includes('leads:write') ?? false;
  const { params, setParams } = useListParams(SORTS, NEWEST, EXTRA);
  const { q: search, page, sort } = params;
  const status: LeadStatus | '' = (LEAD_STATUSES as readonly string[]).includes(params.extra.status)
    ? (params.extra.status as LeadStatus)
    : '';
  const [typed, setTyped] = useState(search);
  const [opened, setOpened] = useState<LeadListRow | null>(null);

  // Debounced: the query follows the box 300 ms after the last key.
  useEffect(() => {
    if (typed.trim() === search) return;
    const timer = setTimeout(() => setParams({ q: typed.trim(), page: 1 }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, search, setParams]);

  const tagFilter = {
    tag: /^tg_/.test(params.extra.tag) ? params.extra.tag : undefined,
    notTag: /^tg_/.test(params.extra.notTag) ? params.extra.notTag : undefined,
  };
  const listInput = {
    siteId,
    search,
    status,
    ...tagFilter,
    page,
    pageSize: PAGE_SIZE,
    sort: sort.key,
    order: sort.order,
  };
  const leads = useQuery(
    trpc.lead.list.queryOptions(listInput, { placeholderData: (prev) => prev, enabled: siteId !== '' }),
  );
  // A status change under a status filter can empty the last page: go back to the first.
  const pastEnd = page > 1 && leads.data !== undefined && !leads.isPlaceholderData && leads.data.rows.length === 0;
  useEffect(() => {
    if (pastEnd) setParams({ page: 1 });
  }, [pastEnd, setParams]);

  // The drawer shows the row as the list has it now, so edits made in it show up at once;
  // a lead an edit moved off this page (status filter) stays open as it was.
  const open = opened && (leads.data?.rows.find((r) => r.leadId === opened.leadId) ?? opened);

  const tagNames = useTagNames(siteId);
  const exportCsv = async (progress: ExportProgress) => {
    const rows = await fetchAllRows(
      (chunk) => queryClient.fetchQuery(trpc.lead.list.queryOptions({ ...listInput, page: chunk, all: true })),
      progress,
    );
    const fields = [
      'lead_id',
      'created_at',
      'updated_at',
      'status',
      'source',
      'owner',
      'name',
      'email',
      'phone',
      'message',
      'callback_at',
      'notes',
      'country',
      'visitor_id',
      'first_referrer',
      'first_utm_source',
      'first_utm_medium',
      'first_utm_campaign',
      'first_landing_path',
      'last_referrer',
      'last_utm_source',
      'last_utm_medium',
      'last_utm_campaign',
      'last_landing_path',
      'tags',
    ];
    downloadCsv(
      `${siteId}-leads`,
      fields,
      rows.map((r) => [
        r.leadId,
        new Date(r.createdAt).toISOString(),
        new Date(r.updatedAt).toISOString(),
        r.status,
        r.source,
        r.ownerName || r.ownerId,
        r.name,
        r.email,
        r.phone,
        r.message,
        r.callbackAt,
        r.notes,
        r.country,
        r.visitorId,
        r.first.referrerDomain,
        r.first.utmSource,
        r.first.utmMedium,
        r.first.utmCampaign,
        r.first.path,
        r.last.referrerDomain,
        r.last.utmSource,
        r.last.utmMedium,
        r.last.utmCampaign,
        r.last.path,
        tagNames.text(r.tagIds),
      ]),
    );
  };

  const columns: TableColumnType<LeadListRow>[] = [
    {
      key: 'name',
      title: t('lead'),
      sorter: true,
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', textAlign: 'left' }}
          onClick={() => setOpened(r)}
          data-testid="lead-open"
        >
          <span>
            {r.name || r.email || r.phone}
            {r.name && (r.email || r.phone) && (
              <Typography.Text type="secondary"> · {r.email || r.phone}</Typography.Text>
            )}
          </span>
        </Button>
      ),
    },
    {
      key: 'status',
      title: t('status'),
      sorter: true,
      render: (_, r) => (
        <LeadStatusSelect
          status={r.status}
          editable={editable}
          onChange={(s) => update.mutate({ siteId, leadId: r.leadId, patch: { status: s } })}
        />
      ),
    },
    { key: 'source', title: t('source'), render: (_, r) => t(`sources.${r.source as 'agent'}`) },
    {
      key: 'owner',
      title: t('owner'),
      render: (_, r) => r.ownerName || r.ownerId || <Typography.Text type="secondary">{t('noOwner')}</Typography.Text>,
    },
    { key: 'country', title: t('country'), render: (_, r) => <Country code={r.country} /> },
    { key: 'tags', title: tt('title'), render: (_, r) => tagNames.chips(r.tagIds) },
    { key: 'createdAt', title: t('created'), sorter: true, render: (_, r) => fmt.dateTime(r.createdAt) },
    { key: 'updatedAt', title: t('updated'), sorter: true, render: (_, r) => fmt.dateTime(r.updatedAt) },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')} · {site?.name}
      </Typography.Title>
      <Card
        size="small"
        title={
          <Flex wrap gap="small">
            <Input.Search
              allowClear
              placeholder={t('search')}
              aria-label={t('search')}
              maxLength={100}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onSearch={(v) => {
                setTyped(v);
                setParams({ q: v.trim(), page: 1 });
              }}
              style={{ width: 320, maxWidth: '100%' }}
              data-testid="lead-search"
            />
            <TagFilter
              siteId={siteId}
              include={tagFilter.tag}
              exclude={tagFilter.notTag}
              onChange={(key, value) => setParams({ extra: { [key]: value ?? '' }, page: 1 })}
            />
            <Select<LeadStatus | ''>
              value={status}
              style={{ width: 160, maxWidth: '100%' }}
              aria-label={t('statusFilter')}
              data-testid="lead-status-filter"
              onChange={(s) => setParams({ extra: { status: s }, page: 1 })}
              options={[
                { value: '', label: t('allStatuses') },
                ...LEAD_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
              ]}
            />
          </Flex>
        }
        extra={<ExportButton disabled={!leads.data?.total} run={exportCsv} />}
      >
        <QueryState query={leads} isEmpty={(d) => d.total === 0 && search === '' && status === '' && page === 1}>
          {(data) =>
            data.total === 0 && search !== '' ? (
              <Empty data-state="empty" description={t('noMatch', { q: search })} />
            ) : (
              <ServerTable<LeadListRow, LeadSort>
                rows={data.rows}
                total={data.total}
                rowKey="leadId"
                columns={columns}
                sort={sort}
                defaultSort={NEWEST}
                page={page}
                pageSize={PAGE_SIZE}
                loading={leads.isFetching}
                testId="leads-table"
                totalTestId="leads-total"
                onPage={(p) => setParams({ page: p })}
                onSort={(next) => setParams({ sort: next, page: 1 })}
              />
            )
          }
        </QueryState>
      </Card>
      <LeadDrawer
        lead={open}
        siteId={siteId}
        timeZone={site?.timeZone ?? 'UTC'}
        meId={me.data?.id ?? ''}
        editable={editable}
        fmt={fmt}
        onClose={() => setOpened(null)}
      />
    </Space>
  );
}

export default function LeadsPage() {
  return (
    <Suspense>
      <Leads />
    </Suspense>
  );
}
