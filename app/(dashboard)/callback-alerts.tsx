'use client';
import { App, Badge, Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';

/** Overdue callbacks beside "Callbacks" in the navigation: the hub sends the count on every (re)connect. */
export function CallbackCount({ siteId }: { siteId: string }) {
  const t = useTranslations('callbacks.alert');
  const { overdueCallbacks } = useVisitorsChatsAgents(siteId);
  return (
    <span
      data-testid="callback-overdue-count"
      data-count={overdueCallbacks}
      title={t('badge', { count: overdueCallbacks })}
    >
      <Badge count={overdueCallbacks} style={{ marginInlineStart: 6 }} />
    </span>
  );
}

const ALERT_KEY = 'callbacks-overdue';
const ALERT_SECONDS = 12;

/**
 * On every dashboard screen: a pop-up when more callbacks are overdue than this tab last
 * knew (the first count after opening counts as news; the same count after a reconnect
 * does not), with a way to the queue. It goes after ALERT_SECONDS (hovering keeps it), and
 * at once when the count is back to zero: a pop-up that stayed would cover the console's
 * controls (a call's hang-up) in the corner it shares. The menu's badge keeps the count.
 */
export function CallbackAlerts({ siteId }: { siteId: string }) {
  const t = useTranslations('callbacks.alert');
  const { notification } = App.useApp();
  const router = useRouter();
  const { overdueCallbacks: count } = useVisitorsChatsAgents(siteId);
  const known = useRef(0);

  useEffect(() => {
    if (count > known.current)
      notification.warning({
        key: ALERT_KEY,
        placement: 'bottomRight',
        title: t('title', { count }),
        description: t('body'),
        duration: ALERT_SECONDS,
        actions: (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              notification.destroy(ALERT_KEY);
              router.push(`/s/${siteId}/callbacks`);
            }}
          >
            {t('open')}
          </Button>
        ),
        className: 'callback-alert',
      });
    if (count === 0) notification.destroy(ALERT_KEY);
    known.current = count;
  }, [count, notification, router, siteId, t]);
  return null;
}
