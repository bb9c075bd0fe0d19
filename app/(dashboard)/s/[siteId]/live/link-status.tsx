'use client';
import { Badge } from 'antd';
import { useTranslations } from 'use-intl';
import type { LinkStatus as Status } from '@/app/_lib/realtime';

/** Whether the pushed feed is live, so an agent never trusts a stale screen. */
export function LinkStatus({ status }: { status: Status }) {
  const t = useTranslations('live');
  return (
    <span data-testid="live-status" data-status={status}>
      <Badge
        status={status === 'open' ? 'processing' : status === 'reconnecting' ? 'warning' : 'default'}
        text={t(`status.${status}`)}
      />
    </span>
  );
}
