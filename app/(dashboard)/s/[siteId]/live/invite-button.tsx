'use client';
import { App, Button, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { sendToHub, useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { useLiveLabels } from './live-columns';

/** One click opens the invitation with a ready message; the agent may personalise it. */
export function InviteButton({ siteId, visitor }: { siteId: string; visitor: LiveVisitor }) {
  const t = useTranslations('chat');
  const label = useLiveLabels();
  const { message } = App.useApp();
  const { lastInvite } = useVisitorsChatsAgents(siteId);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const waiting = useRef(false);

  useEffect(() => {
    if (!waiting.current || lastInvite?.visitorId !== visitor.visitorId) return;
    waiting.current = false;
    if (lastInvite.ok) void message.success(t('inviteSent'));
    else void message.error(t('inviteFailed', { reason: lastInvite.reason ? t(`refused.${lastInvite.reason}`) : '' }));
  }, [lastInvite, message, t, visitor.visitorId]);

  const invite = () => {
    if (!sendToHub(siteId, { type: 'invite', visitorId: visitor.visitorId, message: text.trim() }))
      return void message.error(t('notSent'));
    waiting.current = true;
    setOpen(false);
  };

  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button
        size="small"
        type="primary"
        ghost
        disabled={!visitor.connected}
        data-testid="invite"
        onClick={() => {
          setText(t('inviteDefault'));
          setOpen(true);
        }}
      >
        {t('invite')}
      </Button>
      <Modal
        open={open}
        title={t('inviteTitle', { name: label.who(visitor) })}
        okText={t('inviteSend')}
        onOk={invite}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'invite-send' }}
        destroyOnHidden
      >
        <Input.TextArea
          value={text}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          aria-label={t('inviteMessage')}
          placeholder={t('inviteMessage')}
          onChange={(e) => setText(e.target.value)}
          data-testid="invite-message"
        />
      </Modal>
    </span>
  );
}
