'use client';
import { Button, Descriptions, Tag, Timeline, Typography, type TimelineProps } from 'antd';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import type { RouterOutputs } from '@/app/_lib/trpc';

type VisitorSession = RouterOutputs['visitor']['byId']['sessions'][number];
type TimelineEvent = VisitorSession['moments'][number];
import { Place } from '@/app/_components/country';
import { useFormat } from '@/app/_components/use-format';

type TimelineItem = NonNullable<TimelineProps['items']>[number];

const MOMENT_COLORS: Record<string, string> = {
  order: 'green',
  lead_created: 'gold',
  chat_started: 'blue',
  chat_ended: 'blue',
  invite_shown: 'purple',
  invite_accepted: 'purple',
  invite_dismissed: 'gray',
  identify: 'cyan',
  outbound: 'gray',
};
const KNOWN = new Set([
  'outbound',
  'custom',
  'identify',
  'order',
  'exit_intent',
  'invite_shown',
  'invite_accepted',
  'invite_dismissed',
  'chat_requested',
  'chat_started',
  'chat_ended',
  'chat_rated',
  'lead_created',
  'offline_message',
  'callback_request',
]);

/** The panel header of one visit: when, from where, how many pages, how long. */
export function SessionLabel({ session: s, timeZone }: { session: VisitorSession; timeZone: string }) {
  const t = useTranslations('visitors');
  const fmt = useFormat(timeZone);
  return (
    <span data-testid="session-header">
      <Typography.Text strong>{t('profile.session', { date: fmt.dateTime(s.start) })}</Typography.Text>
      <Typography.Text type="secondary">
        {' · '}
        {s.source} · {t('profile.pagesCount', { count: s.pages.length })} · {fmt.duration(s.durationMs)}
      </Typography.Text>
    </span>
  );
}

/**
 * One visit: where it came from (its first page view), then pages and everything else the
 * visitor did on one timeline, in order. Every visitor-supplied string is React text.
 */
export function SessionTrail({
  session: s,
  timeZone,
  showVisitorId,
  onOpenChat,
}: {
  session: VisitorSession;
  timeZone: string;
  showVisitorId: boolean;
  onOpenChat?: (chatId: string) => void;
}) {
  const t = useTranslations('visitors');
  const deviceName = useDeviceName();
  const fmt = useFormat(timeZone);

  const describe = (m: TimelineEvent) => {
    const type = KNOWN.has(m.type) ? m.type : 'other';
    const value = m.currency ? fmt.money(m.revenue, m.currency) : fmt.decimal(m.revenue);
    const text = t(`moment.${type as 'custom'}`, {
      target: m.target,
      name: m.name,
      id: m.orderId,
      value,
      type: m.type,
    });
    return m.agentId ? `${text} · ${t('moment.agent', { agent: m.agentId })}` : text;
  };

  const pages = s.pages.map((p) => ({
    ts: p.ts,
    item: {
      color: 'blue',
      content: (
        <div data-testid="trail-page">
          <Typography.Text strong data-testid="trail-path" title={p.url}>
            {p.path}
          </Typography.Text>
          {p.title && <Typography.Text type="secondary"> · {p.title}</Typography.Text>}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt.time(p.ts)} ·{' '}
              <span data-testid="trail-time">{t('profile.timeOnPage', { time: fmt.duration(p.engagedMs) })}</span>
            </Typography.Text>
          </div>
        </div>
      ),
    } satisfies TimelineItem,
  }));
  const moments = s.moments.map((m) => ({
    ts: m.ts,
    item: {
      color: MOMENT_COLORS[m.type] ?? 'gray',
      content: (
        <div data-testid="trail-moment" data-type={m.type}>
          <Tag color={MOMENT_COLORS[m.type] ?? 'default'}>{describe(m)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmt.time(m.ts)}
          </Typography.Text>
          {onOpenChat && m.type === 'chat_started' && m.chatId && (
            <Button type="link" size="small" onClick={() => onOpenChat(m.chatId)} data-testid="trail-read-chat">
              {t('profile.readChat')}
            </Button>
          )}
        </div>
      ),
    } satisfies TimelineItem,
  }));
  // Stable sort: at equal instants a page comes before what happened on it.
  const items = [...pages, ...moments].sort((a, b) => a.ts - b.ts).map((x, i) => ({ ...x.item, key: i }));
  const campaign = [s.utmSource, s.utmMedium, s.utmCampaign].filter(Boolean).join(' / ');

  return (
    <div data-testid="session">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('profile.source')}>{s.source || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.referrer')}>{s.referrerDomain || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.campaign')}>{campaign || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.landing')}>{s.landing || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.duration')}>
          <span data-testid="session-duration">{fmt.duration(s.durationMs)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('location')}>
          <Place country={s.country} city={s.city} /> ·{' '}
          {[s.device ? deviceName(s.device) : '', s.browser, s.os].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        {showVisitorId && <Descriptions.Item label={t('profile.visitorId')}>{s.visitorId}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text strong>{t('profile.trail')}</Typography.Text>
      <Timeline style={{ marginTop: 12 }} items={items} />
    </div>
  );
}
