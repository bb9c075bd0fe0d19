'use client';
import { App, Badge, Button, Grid, type NotificationArgsProps } from 'antd';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { unreadOf, useSeen } from '@/app/_lib/chat-seen';
import { sendToHub, useVisitorsChatsAgents } from '@/app/_lib/realtime';

/** Chats waiting for the agent: unread visitor messages plus queued chats. */
function useWaiting(siteId: string) {
  const live = useVisitorsChatsAgents(siteId);
  const seen = useSeen();
  const active = live.chats.filter((c) => c.status !== 'closed');
  const unread = active.reduce((n, c) => n + unreadOf(live.messages[c.chatId], seen[c.chatId]), 0);
  const queued = active.filter((c) => c.status === 'queued').length;
  return { live, unread, queued };
}

/** The count beside "Chats" in the navigation. */
export function ChatCount({ siteId }: { siteId: string }) {
  const t = useTranslations('chat');
  const { unread, queued } = useWaiting(siteId);
  return (
    <span data-testid="chat-count" data-count={unread + queued} title={t('unread', { count: unread })}>
      <Badge count={unread + queued} style={{ marginInlineStart: 6 }} />
    </span>
  );
}

/** A short two-tone chime made on the spot: no sound file to ship or to fail loading. */
export function chime() {
  try {
    const ctx = new AudioContext();
    [880, 1320].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.08, ctx.currentTime + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.12 + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.12);
      osc.stop(ctx.currentTime + i * 0.12 + 0.3);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // no audio (autoplay policy before any click): the title and the pop-up still tell
  }
}

/**
 * Where pop-ups go, or null for none. The console's right column holds the "Save as lead"
 * form, so there they go bottom left (over the menu and the foot of the chat list, where the
 * new chat shows anyway); once the console is one column (below lg) every corner is over
 * something the agent types in, and the chat list at its top, the sound and the tab title
 * announce the chat instead.
 */
function usePopUpPlace(): NotificationArgsProps['placement'] | null {
  const pathname = usePathname();
  const wide = Grid.useBreakpoint().lg !== false;
  if (pathname.split('/')[3] !== 'chats') return 'bottomRight';
  return wide ? 'bottomLeft' : null;
}

/**
 * On every dashboard screen: a sound, a pop-up and the tab title announce a new chat or
 * a new visitor message, so an agent on another screen (or tab) does not miss it.
 */
export function ChatAlerts({ siteId }: { siteId: string }) {
  const t = useTranslations('chat');
  const { notification } = App.useApp();
  const popUp = usePopUpPlace();
  const { live, unread, queued } = useWaiting(siteId);
  const known = useRef<Set<string> | null>(null);
  const present = useRef<Set<string> | null>(null);
  const lastUnread = useRef(0);
  const baseTitle = useRef('');

  useEffect(() => {
    if (!live.me) return;
    const ids = new Set(live.chats.filter((c) => c.status !== 'closed').map((c) => c.chatId));
    if (known.current) {
      for (const c of live.chats) {
        if (c.status === 'closed' || known.current.has(c.chatId)) continue;
        chime();
        if (popUp)
          notification.info({
            key: c.chatId,
            title: t('newChat', { name: c.visitor.name || c.visitor.email || t('anonymous') }),
            description: c.visitor.question,
            placement: popUp,
          });
      }
    }
    known.current = ids;
  }, [live.chats, live.me, notification, popUp, t]);

  // A visitor who told us who they are (identify, a form, a lead) arriving is worth a look.
  useEffect(() => {
    if (!live.ready) return;
    const named = new Set(live.visitors.filter((v) => v.name).map((v) => v.visitorId));
    if (present.current) {
      for (const v of live.visitors) {
        if (!v.name || present.current.has(v.visitorId) || !popUp) continue;
        notification.info({
          key: `known-${v.visitorId}`,
          title: t('knownArrived', { name: v.name }),
          description: t('knownArrivedPage', { path: v.trail.at(-1)?.path ?? '/' }),
          placement: popUp,
          actions: (
            <Button
              size="small"
              type="primary"
              onClick={() => sendToHub(siteId, { type: 'invite', visitorId: v.visitorId, message: t('inviteDefault') })}
            >
              {t('invite')}
            </Button>
          ),
        });
      }
    }
    present.current = named;
  }, [live.ready, live.visitors, notification, popUp, siteId, t]);

  useEffect(() => {
    if (unread > lastUnread.current) chime();
    lastUnread.current = unread;
    baseTitle.current ||= document.title.replace(/^\(\d+\) /, '');
    const waiting = unread + queued;
    document.title = waiting ? `(${waiting}) ${baseTitle.current}` : baseTitle.current;
  }, [unread, queued]);

  return null;
}
