'use client';
import { MailOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { FILE_REFUSALS, FILE_ROUTE, type FileRefusal } from '@/server/contract/chat-files';
import type { ChatSummary } from '@/server/contract/channels';
import { sendToHub, useVisitorsChatsAgents } from '@/app/_lib/realtime';

// Files from the console: the attach button, drop and paste all end in one upload over HTTP
// with the session cookie; the message comes back over the socket like any other.

/** Uploads files into the chat; refusals are shown translated. */
export function useFileUpload(siteId: string, chatId: string) {
  const t = useTranslations('chat.files');
  const { message } = App.useApp();
  return async (files: File[]) => {
    for (const file of files) {
      const done = message.loading(t('sending', { name: file.name }), 0);
      try {
        const r = await fetch(`${FILE_ROUTE}?site=${encodeURIComponent(siteId)}&chat=${encodeURIComponent(chatId)}`, {
          method: 'POST',
          headers: { 'x-file-name': encodeURIComponent(file.name || 'image.png') },
          body: file,
        });
        if (r.status !== 201) {
          const { error } = (await r.json().catch(() => ({}))) as { error?: string };
          const reason = (FILE_REFUSALS as readonly string[]).includes(error ?? '') ? (error as FileRefusal) : 'failed';
          void message.error(t(`refused.${reason === 'not_found' || reason === 'bad_request' ? 'failed' : reason}`));
        }
      } catch {
        void message.error(t('refused.failed'));
      } finally {
        done();
      }
    }
  };
}

export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const t = useTranslations('chat.files');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Tooltip title={t('attach')}>
        <Button
          icon={<PaperClipOutlined />}
          aria-label={t('attach')}
          data-testid="chat-attach"
          onClick={() => input.current?.click()}
        />
      </Tooltip>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="chat-file-input"
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </>
  );
}

/** "Email transcript" to the address the visitor gave; the hub's answer is shown once per request. */
export function TranscriptButton({ siteId, chat }: { siteId: string; chat: ChatSummary }) {
  const t = useTranslations('chat.files');
  const { message } = App.useApp();
  const result = useVisitorsChatsAgents(siteId).transcript;
  const seen = useRef(result?.n ?? 0);
  useEffect(() => {
    if (!result || result.n === seen.current || result.chatId !== chat.chatId) return;
    seen.current = result.n;
    if (result.ok) void message.success(t('transcript.ok'));
    else void message.error(t(`transcript.${result.reason}`));
  }, [result, chat.chatId, message, t]);
  if (!chat.visitor.email) return null;
  return (
    <Tooltip title={t('emailTranscriptHint', { email: chat.visitor.email })}>
      <Button
        size="small"
        icon={<MailOutlined />}
        data-testid="chat-email-transcript"
        onClick={() => sendToHub(siteId, { type: 'chat.transcript', chatId: chat.chatId })}
      >
        {t('emailTranscript')}
      </Button>
    </Tooltip>
  );
}
