'use client';
import { Card, Descriptions, Steps, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { TimelineEvent } from '@/server/queries/visitor-events';
import type { VisitorSession } from '@/server/reports/visitor-sessions';
import { useFormat } from '../../../../../_components/use-format';

const MOMENT_COLORS: Record<string, string> = { order: 'green', lead_created: 'gold', chat_started: 'blue', invite_shown: 'purple', invite_accepted: 'purple', outbound: 'default' };
const KNOWN = new Set(['outbound', 'custom', 'identify', 'order', 'exit_intent', 'invite_shown', 'invite_accepted', 'invite_dismissed', 'chat_requested', 'chat_started', 'chat_message', 'chat_ended', 'chat_rated', 'lead_created', 'offline_message', 'callback_request']);

/** One visit: where it came from, the page trail with time on each page, and what happened. */
export function SessionCard({ session: s, timeZone }: { session: VisitorSession; timeZone: string }) {
  const t = useTranslations('visitors');
  const fmt = useFormat(timeZone);
  const describe = (m: TimelineEvent) => {
    const type = KNOWN.has(m.type) ? m.type : 'other';
    const text = t(`moment.${type as 'custom'}`, { target: m.target, name: m.name, id: m.orderId, value: m.currency ? fmt.money(m.revenue, m.currency) : fmt.decimal(m.revenue), type: m.type });
    return m.agentId ? `${text} · ${t('moment.agent', { agent: m.agentId })}` : text;
  };
  // Chat messages are many and say little on a trail; the transcript lives with the chat.
  const moments = s.moments.filter((m) => m.type !== 'chat_message');
  return (
    <Card size="small" data-testid="session" title={t('profile.session', { date: fmt.dateTime(s.start) })} extra={<Typography.Text type="secondary">{t('profile.pagesCount', { count: s.pages.length })}</Typography.Text>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('profile.source')}>{s.source || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.campaign')}>{s.utmCampaign ? `${s.utmCampaign} (${s.utmSource}/${s.utmMedium})` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile.duration')}>{fmt.duration(s.end - s.start)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('profile.trail')}</Typography.Text>
      <Steps
        direction="vertical"
        size="small"
        current={s.pages.length}
        style={{ marginTop: 8 }}
        items={s.pages.map((p) => ({
          title: <span data-testid="trail-path">{p.path}</span>,
          description: (
            <span>
              {p.title} · {fmt.time(p.ts)} · {t('profile.timeOnPage', { time: fmt.duration(p.engagedMs) })}
            </span>
          ),
        }))}
      />
      {moments.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {moments.map((m, i) => (
            <Tag key={`${m.ts}-${i}`} color={MOMENT_COLORS[m.type] ?? 'default'}>
              {fmt.time(m.ts)} {describe(m)}
            </Tag>
          ))}
        </div>
      )}
    </Card>
  );
}
