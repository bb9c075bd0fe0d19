'use client';
import { App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import { sendToHub } from '@/app/_lib/realtime';
import { useLiveLabels } from './live-columns';

/**
 * One click opens the invitation with a ready message; the agent may personalise it. The
 * answer is toasted by the page (useInviteAnswers): this row may be gone and back by then.
 */
export function InviteButton({ siteId, visitor }: { siteId: string; visitor: LiveVisitor }) {
  const t = useTranslations('chat');
  const label = useLiveLabels();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');

  const invite = () => {
    if (!sendToHub(siteId, { type: 'invite', visitorId: visitor.visitorId, message: text.trim() }))
      return void message.error(t('notSent'));
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
