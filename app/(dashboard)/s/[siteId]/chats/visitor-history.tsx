'use client';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { useFormat } from '@/app/_components/use-format';
import { useTRPC } from '@/app/_lib/trpc';

/** The visitor's history across every visit and linked device: what the agent should know before replying. */
export function VisitorHistory({
  siteId,
  visitorId,
  fmt,
}: {
  siteId: string;
  visitorId: string;
  fmt: ReturnType<typeof useFormat>;
}) {
  const t = useTranslations('chat');
  const trpc = useTRPC();
  // A first-time visitor's events may still be on their way in: no history yet is not an error.
  const profile = useQuery(trpc.visitor.byId.queryOptions({ siteId, visitorId }, { retry: false, staleTime: 30_000 }));
  if (!profile.data) return null;
  const { totals, revenue, firstSeen, person } = profile.data;
  return (
    <Descriptions size="small" column={1} title={t('history')} style={{ marginTop: 16 }} data-testid="visitor-history">
      {(person.name || person.email) && (
        <Descriptions.Item label={t('visitor')}>
          {[person.name, person.email, person.phone].filter(Boolean).join(' · ')}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('firstSeen')}>{fmt.dateTime(firstSeen)}</Descriptions.Item>
      <Descriptions.Item label={t('visits')}>{fmt.number(totals.sessions)}</Descriptions.Item>
      <Descriptions.Item label={t('chats')}>{fmt.number(totals.chats)}</Descriptions.Item>
      <Descriptions.Item label={t('leads')}>{fmt.number(totals.leads)}</Descriptions.Item>
      <Descriptions.Item label={t('orders')}>
        {fmt.number(totals.orders)}
        {revenue.length > 0 && (
          <Typography.Text type="secondary">
            {' '}
            · {revenue.map((r) => fmt.money(r.value, r.currency)).join(' + ')}
          </Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
