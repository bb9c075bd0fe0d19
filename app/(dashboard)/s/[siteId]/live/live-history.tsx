'use client';
import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';
import type { useFormat } from '@/app/_components/use-format';
import { useMe } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';

const ORDER_COLORS: Record<string, string> = {
  paid: 'green',
  placed: 'blue',
  refunded: 'orange',
  cancelled: 'default',
};
const LEAD_COLORS: Record<string, string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'purple',
  won: 'green',
  lost: 'default',
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 4 }}>{children}</div>
    </div>
  );
}

/**
 * What this person did before, in any of their browsers: past chats (who answered, what
 * they asked), leads and orders, so the agent knows whom they are about to invite.
 */
export function LiveHistory({
  siteId,
  visitorId,
  fmt,
}: {
  siteId: string;
  visitorId: string;
  fmt: ReturnType<typeof useFormat>;
}) {
  const t = useTranslations('live.history');
  const tLead = useTranslations('leads.statuses');
  const trpc = useTRPC();
  const serves = useMe().data?.capabilities.includes('chat:serve') ?? false;
  // Asked again while the drawer is open: a visitor on the site may chat or order meanwhile.
  const history = useQuery(trpc.visitor.history.queryOptions({ siteId, visitorId }, { refetchInterval: 10_000 }));
  const profile = `/s/${encodeURIComponent(siteId)}/visitors/${encodeURIComponent(visitorId)}`;
  const h = history.data;
  const none = h && h.chats.length + h.leads.length + h.orders.length === 0;
  return (
    <div data-testid="live-history" style={{ marginBottom: 24 }}>
      <Flex justify="space-between" align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Link href={profile} data-testid="live-history-profile">
          {t('profile')}
        </Link>
      </Flex>
      {history.isError && <Typography.Text type="danger">{t('failed')}</Typography.Text>}
      {none && (
        <Typography.Text type="secondary" data-testid="live-history-empty">
          {t('empty')}
        </Typography.Text>
      )}
      {h && h.chats.length > 0 && (
        <Section title={t('chats')}>
          {h.chats.map((c) => (
            <div key={c.chatId} data-testid="live-history-chat">
              <Typography.Text type="secondary">
                {fmt.dateTime(c.startedAt)} · {c.agentName || t('notAnswered')}
              </Typography.Text>
              {serves && (
                <>
                  {' · '}
                  <Link
                    href={`/s/${encodeURIComponent(siteId)}/chat-history?chat=${encodeURIComponent(c.chatId)}`}
                    data-testid="live-history-transcript"
                  >
                    {t('transcript')}
                  </Link>
                </>
              )}
              {c.question && <div style={{ wordBreak: 'break-word' }}>{c.question}</div>}
            </div>
          ))}
        </Section>
      )}
      {h && h.leads.length > 0 && (
        <Section title={t('leads')}>
          {h.leads.map((l) => (
            <div key={l.leadId} data-testid="live-history-lead">
              <Typography.Text type="secondary">{fmt.dateTime(l.createdAt)}</Typography.Text>
              <div>
                <Tag color={LEAD_COLORS[l.status]}>{tLead(l.status)}</Tag>
                <Typography.Text style={{ wordBreak: 'break-word' }}>
                  {[l.name, l.email, l.phone].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Section>
      )}
      {h && h.orders.length > 0 && (
        <Section title={t('orders')}>
          {h.orders.map((o) => (
            <div key={o.orderId} data-testid="live-history-order">
              <Typography.Text type="secondary">{fmt.dateTime(o.createdAt)}</Typography.Text>
              <div>
                <Tag color={ORDER_COLORS[o.status] ?? 'default'}>
                  {t.has(`orderStatus.${o.status}`) ? t(`orderStatus.${o.status}`) : o.status}
                </Tag>
                <Typography.Text strong>
                  {o.currency ? fmt.money(o.value, o.currency) : fmt.number(o.value)}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Section>
      )}
    </div>
  );
}
