'use client';
import { Badge, Card, Statistic } from 'antd';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';

/**
 * Visitors on the site right now, beside the range's figures: the live presence the hub
 * pushes (the same feed as the Live screen and the menu's count), never polled.
 */
export function VisitorsNow({ siteId }: { siteId: string }) {
  const t = useTranslations('analytics.overview');
  const fmt = useFormat();
  const { total, status, ready } = useVisitorsChatsAgents(siteId);
  return (
    <Card size="small" data-testid="visitors-now" data-count={ready ? total : undefined} style={{ minWidth: 180 }}>
      <Statistic
        title={<Badge status={status === 'open' ? 'processing' : 'default'} text={t('visitorsNow')} />}
        value={ready ? fmt.number(total) : '–'}
      />
    </Card>
  );
}
