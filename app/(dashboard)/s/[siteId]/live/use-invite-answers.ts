'use client';
import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';

/**
 * Toasts each answer to an invitation this tab sent while the Live page is open. It lives
 * with the page, not the row: the table re-renders on every push and gives way to an empty
 * state when the list is briefly empty, and a row's memory of "waiting" went with it.
 */
export function useInviteAnswers(siteId: string): void {
  const t = useTranslations('chat');
  const { message } = App.useApp();
  const { lastInvite } = useVisitorsChatsAgents(siteId);
  // The tab's store outlives the page: an answer heard before this visit to it was toasted then.
  const seen = useRef(lastInvite?.n ?? 0);

  useEffect(() => {
    if (!lastInvite || lastInvite.n <= seen.current) return;
    seen.current = lastInvite.n;
    if (lastInvite.ok) void message.success(t('inviteSent'));
    else void message.error(t('inviteFailed', { reason: lastInvite.reason ? t(`refused.${lastInvite.reason}`) : '' }));
  }, [lastInvite, message, t]);
}
