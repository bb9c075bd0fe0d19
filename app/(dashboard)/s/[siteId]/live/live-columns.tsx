'use client';
import { Badge, Space, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { useCountryName, Place } from '@/app/_components/country';
import type { Column } from '@/app/_components/data-table';
import type { useFormat } from '@/app/_components/use-format';
import { Elapsed } from './clock';

type Format = ReturnType<typeof useFormat>;

export const currentPage = (v: LiveVisitor) => v.trail[v.trail.length - 1];

/** Labels shared by the table and the drawer. */
export function useLiveLabels() {
  const t = useTranslations('live');
  const deviceName = useDeviceName();
  const countryName = useCountryName();
  return {
    source: (v: LiveVisitor) =>
      v.source === '(direct)' || !v.source ? t('direct') : [v.source, v.utmCampaign].filter(Boolean).join(' · '),
    device: (v: LiveVisitor) => [v.device ? deviceName(v.device) : '', v.browser, v.os].filter(Boolean).join(' · '),
    place: (v: LiveVisitor) => [countryName(v.country), v.city].filter(Boolean).join(' · '),
    who: (v: LiveVisitor) => v.name || `${t('anonymous')} · ${v.visitorId.slice(0, 6)}`,
  };
}

export function useLiveColumns(fmt: Format): Column<LiveVisitor>[] {
  const t = useTranslations('live');
  const label = useLiveLabels();
  return [
    {
      key: 'visitor',
      title: t('visitor'),
      csvTitle: t('visitor'),
      value: (v) => v.name || v.visitorId,
      render: (v) => (
        <Space size={6} data-testid="live-visitor" data-connected={v.connected}>
          <Badge status={v.connected ? 'success' : 'default'} title={v.connected ? t('pageOpen') : t('noOpenPage')} />
          {v.name ? (
            <Typography.Text strong>{v.name}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{label.who(v)}</Typography.Text>
          )}
          {v.visitNumber > 1 && <Tag color="gold">{t('returning')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'page',
      title: t('currentPage'),
      csvTitle: t('currentPage'),
      value: (v) => currentPage(v)?.path ?? '',
      render: (v) => (
        <span data-testid="live-current-page">
          {currentPage(v)?.path ?? '—'} <Typography.Text type="secondary">{currentPage(v)?.title}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'pages',
      title: t('pages'),
      csvTitle: t('pages'),
      align: 'right',
      value: (v) => v.pageviews,
      render: (v) => <span data-testid="live-pages">{fmt.number(v.pageviews)}</span>,
    },
    {
      key: 'time',
      title: t('timeOnSite'),
      csvTitle: t('timeOnSite'),
      align: 'right',
      // Seconds in the CSV; the cell ticks on its own.
      value: (v) => Math.round((Date.now() - v.startedAt) / 1000),
      render: (v) => <Elapsed since={v.startedAt} format={(ms) => fmt.duration(ms)} />,
    },
    { key: 'source', title: t('source'), csvTitle: t('source'), value: label.source },
    {
      key: 'location',
      title: t('location'),
      csvTitle: t('location'),
      value: label.place,
      render: (v) => <Place country={v.country} region={v.region} city={v.city} />,
    },
    { key: 'device', title: t('device'), csvTitle: t('device'), value: label.device },
    {
      key: 'visit',
      title: t('visit'),
      csvTitle: t('visit'),
      align: 'right',
      value: (v) => v.visitNumber,
      render: (v) => (v.visitNumber ? t('visitNumber', { n: fmt.number(v.visitNumber) }) : '—'),
    },
  ];
}
