'use client';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Space, Statistic, Tag, Timeline, Typography } from 'antd';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTranslations } from 'use-intl';
import { Country } from '../../../../../_components/country';
import { QueryState } from '../../../../../_components/query-state';
import { useFormat } from '../../../../../_components/use-format';
import { useReportParams } from '../../../../../_components/use-report-params';
import { useTRPC, type RouterOutputs } from '../../../../../_lib/trpc';
import { SessionCard } from './session-card';

function Profile() {
  const t = useTranslations('visitors');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const { visitorId } = useParams<{ visitorId: string }>();
  const { siteId, query } = useReportParams();
  const profile = useQuery(trpc.visitor.byId.queryOptions({ siteId, visitorId }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link href={`/s/${siteId}/visitors?${query}`}>
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <QueryState query={profile}>
        {(p) => <ProfileBody p={p} />}
      </QueryState>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tc('range.timeZone', { tz: profile.data?.timeZone ?? '' })}</Typography.Text>
    </Space>
  );
}

type ProfileData = RouterOutputs['visitor']['byId'];

function ProfileBody({ p }: { p: ProfileData }) {
  const t = useTranslations('visitors');
  const tc = useTranslations('common');
  const fmt = useFormat(p.timeZone);
  const last = p.sessions[0];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="visitor-name">
        {p.person.name || p.person.email || `${t('anonymous')} · ${p.person.visitorIds[0]?.slice(0, 8) ?? ''}`}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('profile.identity')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('profile.email')}>{p.person.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('profile.phone')}>{p.person.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('location')}>{last ? <><Country code={last.country} />{last.city && ` · ${last.city}`}</> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('device')}>{last ? `${last.device ? tc(`device.${last.device as 'desktop'}`) : ''} · ${last.browser} · ${last.os}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('firstSeen')}>{fmt.dateTime(p.firstSeen)}</Descriptions.Item>
              <Descriptions.Item label={t('lastSeen')}>{fmt.dateTime(p.lastSeen)}</Descriptions.Item>
              <Descriptions.Item label={t('profile.linkedIds')}>
                <Space size={2} wrap>{p.person.visitorIds.map((id) => <Tag key={id}>{id}</Tag>)}</Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('profile.totals')}>
            <Row gutter={[16, 16]}>
              <Col span={6}><Statistic title={t('sessions')} value={fmt.number(p.totals.sessions)} valueRender={(n) => <span data-testid="profile-sessions">{n}</span>} /></Col>
              <Col span={6}><Statistic title={t('pageviews')} value={fmt.number(p.totals.pageviews)} /></Col>
              <Col span={6}><Statistic title={t('profile.engaged')} value={fmt.duration(p.totals.engagedMs)} /></Col>
              <Col span={6}><Statistic title={t('profile.chats')} value={fmt.number(p.totals.chats)} /></Col>
              <Col span={6}><Statistic title={t('profile.leads')} value={fmt.number(p.totals.leads)} /></Col>
              <Col span={6}><Statistic title={t('profile.orders')} value={fmt.number(p.totals.orders)} /></Col>
              <Col span={12}><Statistic title={t('profile.revenue')} value={fmt.decimal(p.totals.revenue)} /></Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Timeline items={p.sessions.map((s) => ({ key: s.sessionId, children: <SessionCard session={s} timeZone={p.timeZone} /> }))} />
    </Space>
  );
}

export default function VisitorPage() {
  return (
    <Suspense>
      <Profile />
    </Suspense>
  );
}
