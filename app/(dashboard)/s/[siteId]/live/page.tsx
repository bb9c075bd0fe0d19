'use client';
import { Card, Empty, Flex, Input, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { DEVICES, useDeviceName } from '@/app/_components/use-device-name';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { useCountryName } from '@/app/_components/country';
import { DataTable } from '@/app/_components/data-table';
import { useFormat } from '@/app/_components/use-format';
import { useMe, useSite } from '@/app/_components/use-site';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { LinkStatus } from './link-status';
import type { Column } from '@/app/_components/data-table';
import { InviteButton } from './invite-button';
import { useLiveColumns } from './live-columns';
import { useInviteAnswers } from './use-invite-answers';
import { VisitorDrawer } from './visitor-drawer';

/** Visitors on the site now, pushed by the realtime hub; nothing here polls. */
export default function LivePage() {
  const t = useTranslations('live');
  const tc = useTranslations('common');
  const deviceName = useDeviceName();
  const { siteId } = useParams<{ siteId: string }>();
  const { site } = useSite();
  const fmt = useFormat(site?.timeZone);
  const countryName = useCountryName();
  const live = useVisitorsChatsAgents(siteId);
  useInviteAnswers(siteId);
  const me = useMe();
  const tChat = useTranslations('chat');
  const baseColumns = useLiveColumns(fmt);
  const serves = me.data?.capabilities.includes('chat:serve') ?? false;
  const columns = useMemo((): Column<LiveVisitor>[] => {
    if (!serves) return baseColumns;
    return [
      ...baseColumns,
      {
        key: 'invite',
        title: tChat('invite'),
        value: () => '',
        render: (v) => <InviteButton siteId={siteId} visitor={v} />,
      },
    ];
  }, [baseColumns, serves, siteId, tChat]);
  const [search, setSearch] = useState('');
  const [country, setCountry] = useState<string>();
  const [device, setDevice] = useState<string>();
  // The drawer keeps the last state of a visitor who leaves while it is open.
  const [opened, setOpened] = useState<LiveVisitor | null>(null);

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const matches = (v: LiveVisitor) =>
      v.name.toLowerCase().includes(q) ||
      v.trail.some((s) => s.path.toLowerCase().includes(q) || s.title.toLowerCase().includes(q));
    // Newest arrivals first: a row stays where it is while its visitor browses.
    return live.visitors
      .filter((v) => (!country || v.country === country) && (!device || v.device === device) && (!q || matches(v)))
      .sort((a, b) => b.startedAt - a.startedAt || a.visitorId.localeCompare(b.visitorId));
  }, [live.visitors, search, country, device]);
  const countries = useMemo(() => [...new Set(live.visitors.map((v) => v.country))].sort(), [live.visitors]);
  const current = opened ? (live.visitors.find((v) => v.visitorId === opened.visitorId) ?? null) : null;
  useEffect(() => {
    if (current) setOpened(current);
  }, [current]);
  const capped = live.visitors.length < live.total;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center" size={16} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <LinkStatus status={live.status} />
      </Space>
      <Card
        size="small"
        title={
          <Flex wrap gap="small">
            <Input.Search
              allowClear
              placeholder={t('search')}
              aria-label={t('search')}
              maxLength={100}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 240, maxWidth: '100%' }}
              data-testid="live-search"
            />
            <Select
              allowClear
              placeholder={t('allCountries')}
              aria-label={tc('filters.country')}
              value={country}
              onChange={setCountry}
              style={{ width: 180, maxWidth: '100%' }}
              options={countries.map((c) => ({ value: c, label: countryName(c) }))}
            />
            <Select
              allowClear
              placeholder={t('allDevices')}
              aria-label={tc('filters.device')}
              value={device}
              onChange={setDevice}
              style={{ width: 140, maxWidth: '100%' }}
              options={DEVICES.map((d) => ({ value: d, label: deviceName(d) }))}
            />
          </Flex>
        }
        extra={
          <Tooltip title={capped ? t('capped', { shown: fmt.number(live.visitors.length) }) : undefined}>
            <Typography.Text type="secondary" data-testid="live-total" data-total={live.total}>
              {rows.length < live.total
                ? t('showing', { shown: fmt.number(rows.length), total: fmt.number(live.total) })
                : t('online', { count: live.total })}
            </Typography.Text>
          </Tooltip>
        }
      >
        {!live.ready ? (
          <Skeleton active paragraph={{ rows: 4 }} data-state="loading" />
        ) : live.total === 0 ? (
          <Empty
            data-state="empty"
            data-testid="live-empty"
            description={
              <>
                <div>{t('nobody')}</div>
                <Typography.Text type="secondary">{t('nobodyHint')}</Typography.Text>
              </>
            }
          />
        ) : rows.length === 0 ? (
          <Empty data-state="empty" description={t('noMatch')} />
        ) : (
          <DataTable<LiveVisitor>
            testId="live-table"
            rows={rows}
            columns={columns}
            rowKey={(v) => v.visitorId}
            filename="live-visitors"
            pageSize={50}
            onRowClick={setOpened}
          />
        )}
      </Card>
      <VisitorDrawer
        siteId={siteId}
        visitor={current ?? opened}
        left={opened !== null && current === null && live.ready}
        fmt={fmt}
        onClose={() => setOpened(null)}
      />
    </Space>
  );
}
