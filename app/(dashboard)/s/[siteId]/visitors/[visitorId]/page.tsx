'use client';
import { ArrowLeftOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Collapse,
  Descriptions,
  Result,
  Row,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import Link from '@/app/_components/link';
import { useParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import { Place } from '@/app/_components/country';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useMe } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { ChatDrawerById } from '@/app/(dashboard)/s/[siteId]/chat-history/transcript-drawer';
import { visitorText } from '@/app/(dashboard)/s/[siteId]/visitors/visitor-label';
import { ErasePerson } from './erase-person';
import { ImportedDetails } from './imported-details';
import { CallbackHistory } from '@/app/_components/callback-history';
import { SessionLabel, SessionTrail } from './session-trail';
import { TagChips } from '@/app/_components/tag-chips';

type ProfileData = RouterOutputs['visitor']['byId'];

function Profile() {
  const t = useTranslations('visitors');
  const trpc = useTRPC();
  const { visitorId } = useParams<{ visitorId: string }>();
  const { siteId, query } = useReportParams();
  const profile = useQuery(
    trpc.visitor.byId.queryOptions(
      { siteId, visitorId },
      { retry: (n, e) => e.data?.code !== 'NOT_FOUND' && e.data?.code !== 'BAD_REQUEST' && n < 2 },
    ),
  );
  const missing = profile.error?.data?.code === 'NOT_FOUND' || profile.error?.data?.code === 'BAD_REQUEST';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link href={`/s/${encodeURIComponent(siteId)}/visitors?${query}`} data-testid="back-to-visitors">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      {missing ? (
        <Result status="404" title={t('profile.notFound')} subTitle={visitorId} data-state="not-found" />
      ) : (
        <QueryState query={profile} rows={8}>
          {(p) => (
            <ProfileBody
              p={p}
              visitorId={visitorId}
              siteId={siteId}
              listHref={`/s/${encodeURIComponent(siteId)}/visitors?${query}`}
            />
          )}
        </QueryState>
      )}
    </Space>
  );
}

function ProfileBody({
  p,
  visitorId,
  siteId,
  listHref,
}: {
  p: ProfileData;
  visitorId: string;
  siteId: string;
  listHref: string;
}) {
  const t = useTranslations('visitors');
  const tc = useTranslations('common');
  const deviceName = useDeviceName();
  const tt = useTranslations('tags');
  const fmt = useFormat(p.timeZone);
  const me = useMe();
  // Transcripts are for those who serve chats (the chat history's own rule).
  const readsChats = me.data?.capabilities.includes('chat:serve') ?? false;
  const [openChat, setOpenChat] = useState<string | null>(null);
  const last = p.sessions[0];
  const linked = p.person.visitorIds.length > 1;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="visitor-name">
          {visitorText(t, { visitorId, ...p.person })}
        </Typography.Title>
        {me.data?.capabilities.includes('privacy:erase') && (
          <ErasePerson siteId={siteId} visitorId={visitorId} visitorIds={p.person.visitorIds} listHref={listHref} />
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('profile.identity')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('profile.name')}>{p.person.name || '—'}</Descriptions.Item>
              <Descriptions.Item label={tt('personTags')}>
                <TagChips siteId={siteId} kind="visitor" subjectId={visitorId} />
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.email')}>{p.person.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('profile.phone')}>{p.person.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('location')}>
                {last ? <Place country={last.country} city={last.city} /> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('device')}>
                {last
                  ? [last.device ? deviceName(last.device) : '', last.browser, last.os].filter(Boolean).join(' · ')
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('firstSeen')}>{fmt.dateTime(p.firstSeen)}</Descriptions.Item>
              <Descriptions.Item label={t('lastSeen')}>{fmt.dateTime(p.lastSeen)}</Descriptions.Item>
              <Descriptions.Item label={t('profile.linkedIds')}>
                <Space size={2} wrap>
                  {p.person.visitorIds.map((id) => (
                    <Tag key={id}>{id}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {p.imported && <ImportedDetails imported={p.imported} timeZone={p.timeZone} />}
          <CallbackHistory siteId={siteId} visitorIds={p.person.visitorIds} card />
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('profile.totals')}>
            <Row gutter={[16, 16]}>
              <Col span={6}>
                <Statistic
                  title={t('sessions')}
                  value={fmt.number(p.totals.sessions)}
                  valueRender={(n) => <span data-testid="profile-sessions">{n}</span>}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('pageviews')}
                  value={fmt.number(p.totals.pageviews)}
                  valueRender={(n) => <span data-testid="profile-pageviews">{n}</span>}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={
                    <Tooltip title={t('profile.timeOnSiteTip')}>
                      <span data-testid="time-on-site-label">
                        {t('profile.engaged')} <InfoCircleOutlined />
                      </span>
                    </Tooltip>
                  }
                  value={fmt.duration(p.totals.timeOnSiteMs)}
                  valueRender={(n) => <span data-testid="profile-time-on-site">{n}</span>}
                />
              </Col>
              <Col span={6}>
                <Statistic title={t('profile.chats')} value={fmt.number(p.totals.chats)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('profile.leads')} value={fmt.number(p.totals.leads)} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('profile.orders')}
                  value={fmt.number(p.totals.orders)}
                  valueRender={(n) => <span data-testid="profile-orders">{n}</span>}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('profile.revenue')}
                  value={
                    p.revenue.length === 0
                      ? fmt.number(0)
                      : p.revenue.map((r) => fmt.money(r.value, r.currency)).join(' + ')
                  }
                />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      {p.truncated && <Alert type="warning" showIcon title={t('profile.truncated')} />}
      <Typography.Text type="secondary">
        {t('profile.allTime')} · {tc('range.timeZone', { tz: p.timeZone })}
      </Typography.Text>
      <Collapse
        defaultActiveKey={p.sessions[0]?.sessionId}
        items={p.sessions.map((s) => ({
          key: s.sessionId,
          label: <SessionLabel session={s} timeZone={p.timeZone} />,
          children: (
            <SessionTrail
              session={s}
              timeZone={p.timeZone}
              showVisitorId={linked}
              onOpenChat={readsChats ? setOpenChat : undefined}
            />
          ),
        }))}
      />
      <ChatDrawerById chatId={openChat} siteId={siteId} fmt={fmt} onClose={() => setOpenChat(null)} />
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
