'use client';
import { Badge } from 'antd';
import { useTranslations } from 'use-intl';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';

/** Visitors on the site right now, in the navigation: the same pushed feed as the Live screen. */
export function LiveCount({ siteId }: { siteId: string }) {
  const t = useTranslations('live');
  const { total, status, ready } = useVisitorsChatsAgents(siteId);
  return (
    <span
      data-testid="live-count"
      data-count={ready ? total : undefined}
      title={ready ? t('online', { count: total }) : t(`status.${status}`)}
    >
      <Badge
        count={ready ? total : 0}
        showZero={ready}
        overflowCount={9999}
        color={status === 'open' ? '#22c55e' : '#9ca3af'}
        style={{ marginInlineStart: 6 }}
      />
    </span>
  );
}
