'use client';
import { Badge, Card, Empty, Input, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { LiveVisitor } from '@/server/realtime/channels';
import { Country, useCountryName } from '../../../../_components/country';
import { useFormat } from '../../../../_components/use-format';
import { useSite } from '../../../../_components/use-site';
import { useLiveVisitors } from '../../../../_lib/realtime';

/** Re-render every second so "time on site" ticks without asking the server. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export default function LivePage() {
  const t = useTranslations('live');
  const tc = useTranslations('common');
  const { siteId } = useParams<{ siteId: string }>();
  const { site } = useSite();
  const fmt = useFormat(site?.timeZone);
  const countryName = useCountryName();
  const live = useLiveVisitors(siteId);
  const now = useNow();
  const [search, setSearch] = useState('');
  const [country, setCountry] = useState<string>();
  const [device, setDevice] = useState<string>();

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return live.visitors
      .filter((v) => (!country || v.country === country) && (!device || v.device === device))
      .filter((v) => !q || v.name.toLowerCase().includes(q) || v.trail.some((s) => s.path.toLowerCase().includes(q) || s.title.toLowerCase().includes(q)))
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  }, [live.visitors, search, country, device]);
  const countries = [...new Set(live.visitors.map((v) => v.country).filter(Boolean))].sort();
  const current = (v: LiveVisitor) => v.trail[v.trail.length - 1];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Badge status={live.status === 'open' ? 'processing' : 'default'} text={t(`status.${live.status}`)} data-testid="live-status" />
      </Space>
      <Card
        size="small"
        title={
          <Space wrap>
            <Input.Search allowClear placeholder={t('search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
            <Select allowClear placeholder={t('allCountries')} value={country} onChange={setCountry} style={{ width: 180 }} options={countries.map((c) => ({ value: c, label: countryName(c) }))} />
            <Select allowClear placeholder={t('allDevices')} value={device} onChange={setDevice} style={{ width: 140 }} options={['desktop', 'mobile', 'tablet'].map((d) => ({ value: d, label: tc(`device.${d as 'desktop'}`) }))} />
          </Space>
        }
        extra={<Typography.Text type="secondary" data-testid="live-total">{t('showing', { shown: fmt.number(rows.length), total: fmt.number(live.total) })}</Typography.Text>}
      >
        <Table<LiveVisitor>
          size="small"
          rowKey="visitorId"
          dataSource={rows}
          data-testid="live-table"
          locale={{ emptyText: <Empty description={t('nobody')} /> }}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          expandable={{
            expandedRowRender: (v) => (
              <Steps
                direction="vertical"
                size="small"
                current={v.trail.length - 1}
                items={v.trail.map((s, i) => ({
                  title: <span data-testid="live-trail-path">{s.path}</span>,
                  description: `${s.title} · ${fmt.time(s.at)} · ${t('timeOnPage', { time: fmt.duration(i === v.trail.length - 1 ? Math.max(s.engagedMs, now - s.at) : s.engagedMs) })}`,
                }))}
              />
            ),
          }}
          columns={[
            {
              key: 'visitor',
              title: t('visitor'),
              render: (_, v) => (
                <Space size={4}>
                  <Badge status={v.connected ? 'success' : 'default'} />
                  {v.name || <Typography.Text type="secondary">{t('anonymous')} · {v.visitorId.slice(0, 6)}</Typography.Text>}
                  {v.visitNumber > 1 && <Tag color="gold">{t('returning')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'page',
              title: t('currentPage'),
              render: (_, v) => (
                <span data-testid="live-current-page">
                  {current(v)?.path ?? '—'} <Typography.Text type="secondary">{current(v)?.title}</Typography.Text>
                </span>
              ),
            },
            { key: 'pages', title: t('pages'), align: 'right', sorter: (a, b) => a.trail.length - b.trail.length, render: (_, v) => <span data-testid="live-pages">{v.trail.length}</span> },
            { key: 'time', title: t('timeOnSite'), sorter: (a, b) => b.startedAt - a.startedAt, render: (_, v) => fmt.duration(Math.max(0, now - v.startedAt)) },
            { key: 'source', title: t('source'), render: (_, v) => (v.utmCampaign ? `${v.utmSource} · ${v.utmCampaign}` : v.utmSource || v.referrerDomain || t('direct')) },
            { key: 'location', title: t('location'), render: (_, v) => <><Country code={v.country} />{v.city && ` · ${v.city}`}</> },
            { key: 'device', title: t('device'), render: (_, v) => `${v.device ? tc(`device.${v.device as 'desktop'}`) : ''} · ${v.browser}` },
            { key: 'visit', title: t('visit'), align: 'right', sorter: (a, b) => a.visitNumber - b.visitNumber, render: (_, v) => (v.visitNumber ? t('visitNumber', { n: v.visitNumber }) : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
