'use client';
import { Alert, Descriptions, Divider, Timeline, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';
import type { ChatMessage, ChatSummary } from '@/server/contract/channels';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { Place } from '@/app/_components/country';
import type { useFormat } from '@/app/_components/use-format';
import { useLiveLabels } from '@/app/(dashboard)/s/[siteId]/live/live-columns';
import { LeadCapture } from './lead-capture';
import { TagChips } from '@/app/_components/tag-chips';

/** Who the agent is talking to: the pre-chat form, where they are now and how they got here. */
export function VisitorContext({
  siteId,
  chat,
  visitor,
  messages,
  fmt,
}: {
  siteId: string;
  chat: ChatSummary;
  visitor: LiveVisitor | null;
  messages: ChatMessage[] | undefined;
  fmt: ReturnType<typeof useFormat>;
}) {
  const t = useTranslations('chat');
  const tt = useTranslations('tags');
  const tm = useTranslations('mail');
  const label = useLiveLabels();
  const form = chat.visitor;
  return (
    <div data-testid="visitor-context">
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={tt('personTags')}>
          <TagChips siteId={siteId} kind="visitor" subjectId={chat.visitorId} />
        </Descriptions.Item>
        <Descriptions.Item label={tt('chatTags')}>
          <TagChips siteId={siteId} kind="chat" subjectId={chat.chatId} />
        </Descriptions.Item>
      </Descriptions>
      {(form.name || form.email || form.phone || form.question) && (
        <Descriptions size="small" column={1} title={t('prechat')} style={{ marginBottom: 16 }}>
          {form.name && <Descriptions.Item label={t('visitor')}>{form.name}</Descriptions.Item>}
          {form.email && (
            <Descriptions.Item label={t('email')}>
              <Typography.Text copyable>{form.email}</Typography.Text>
            </Descriptions.Item>
          )}
          {form.phone && (
            <Descriptions.Item label={t('phone')}>
              <Typography.Text copyable>{form.phone}</Typography.Text>
            </Descriptions.Item>
          )}
          {form.question && <Descriptions.Item label={t('question')}>{form.question}</Descriptions.Item>}
        </Descriptions>
      )}
      {visitor ? (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('currentPage')}>
              <span data-testid="context-page">{visitor.trail.at(-1)?.path ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('location')}>
              {visitor.country || visitor.city ? (
                <Place country={visitor.country} region={visitor.region} city={visitor.city} />
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('device')}>{label.device(visitor) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('source')}>{label.source(visitor)}</Descriptions.Item>
            {visitor.visitNumber > 0 && (
              <Descriptions.Item label={t('visitNumber')}>
                <span data-testid="context-visit">{fmt.number(visitor.visitNumber)}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{t('trail')}</Typography.Title>
          <Timeline
            items={visitor.trail.map((s, i) => ({
              key: `${s.at}-${i}`,
              title: fmt.time(s.at),
              content: <span style={{ wordBreak: 'break-all' }}>{s.path}</span>,
            }))}
          />
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          title={chat.channel === 'web' ? t('left') : t('offSite', { channel: tm(`channel.${chat.channel}`) })}
          style={{ marginBottom: 16 }}
          data-testid="visitor-away"
        />
      )}
      <Link href={`/s/${siteId}/visitors/${encodeURIComponent(chat.visitorId)}`}>{t('profile')}</Link>
      <Divider />
      <LeadCapture key={chat.chatId} siteId={siteId} chat={chat} messages={messages} />
    </div>
  );
}
