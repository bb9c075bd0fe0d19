'use client';
import { App, Button, Empty, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { AgentPresence, ChatMessage, ChatSummary } from '@/server/contract/channels';
import type { useFormat } from '@/app/_components/use-format';
import { markSeen } from '@/app/_lib/chat-seen';
import { sendToHub } from '@/app/_lib/realtime';
import { AssistSuggestions, useAssist } from './assist-suggestions';
import { CannedSuggestions, useCannedPicker } from './canned-suggestions';
import { VisitorName } from './visitor-name';
import { MessageList } from './message-list';
import { startCall } from '@/app/(dashboard)/call-panel';
import { FILE_ROUTE } from '@/server/contract/chat-files';
import { AttachButton, TranscriptButton, useFileUpload } from './chat-files';
import { TeamActions } from './team-actions';

const newMessageId = () => `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/** One conversation: the transcript, the visitor's draft as they type, and the reply box. */
export function Conversation({
  siteId,
  chat,
  messages,
  preview,
  fmt,
  team,
}: {
  siteId: string;
  chat: ChatSummary | null;
  messages: ChatMessage[];
  preview: string;
  fmt: ReturnType<typeof useFormat>;
  team: { me: AgentPresence | null; agents: AgentPresence[]; supervises: boolean };
}) {
  const t = useTranslations('chat');
  const tCalls = useTranslations('calls');
  const { message } = App.useApp();
  const [draft, setDraft] = useState('');
  const typing = useRef(false);
  const bottom = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  // A picked canned reply replaces the whole `/query` draft; the agent can edit it before sending.
  const picker = useCannedPicker(siteId, draft, (reply) => {
    setDraft(reply.body);
    box.current?.focus();
  });
  const assist = useAssist(siteId, chat?.chatId ?? '', preview, messages);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const upload = useFileUpload(siteId, chat?.chatId ?? '');

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    // On screen and in a visible tab: the agent has seen it.
    if (chat && document.visibilityState === 'visible') markSeen(chat.chatId, lastSeq);
  }, [chat, lastSeq, preview]);

  if (!chat) return <Empty style={{ marginTop: 80 }} description={t('pickChat')} />;
  const closed = chat.status === 'closed';

  const setTyping = (now: boolean) => {
    if (typing.current === now) return;
    typing.current = now;
    sendToHub(siteId, { type: 'chat.typing', chatId: chat.chatId, typing: now });
  };
  const send = () => {
    const body = draft.trim();
    if (!body) return;
    if (!sendToHub(siteId, { type: 'chat.send', chatId: chat.chatId, messageId: newMessageId(), body }))
      return void message.error(t('notSent'));
    setDraft('');
    setTyping(false);
  };

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%' }}
      data-testid="conversation"
      data-chat-id={chat.chatId}
      onDragOver={(e) => {
        if (!closed && e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (closed || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        void upload([...e.dataTransfer.files]);
      }}
    >
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 8,
          paddingBottom: 12,
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <VisitorName siteId={siteId} chat={chat} anonymous={t('anonymous')} />
        {chat.status === 'queued' ? (
          <Tag color="orange">{t('queued', { n: chat.queuePosition })}</Tag>
        ) : closed ? (
          <Tag>{t('closed')}</Tag>
        ) : (
          <Tag color="green">{t('open')}</Tag>
        )}
        {chat.agentName && (
          <Typography.Text type="secondary">{t('servedBy', { name: chat.agentName })}</Typography.Text>
        )}
        {chat.rating > 0 && (
          <Tag color="gold" data-testid="chat-rating">
            {t('rating', { n: chat.rating })}
          </Tag>
        )}
        <div style={{ flex: 1 }} />
        <TranscriptButton siteId={siteId} chat={chat} />
        {/* A call rings the visitor's widget: a customer on email, WeChat or an app has none. */}
        {chat.status === 'open' && chat.channel === 'web' && (
          <Button size="small" data-testid="chat-call" onClick={() => startCall(siteId, chat.chatId)}>
            📞 {tCalls('call')}
          </Button>
        )}
        {!closed && <TeamActions siteId={siteId} chat={chat} {...team} />}
        {!closed && (
          <Button
            danger
            size="small"
            data-testid="chat-close"
            onClick={() => sendToHub(siteId, { type: 'chat.close', chatId: chat.chatId })}
          >
            {t('close')}
          </Button>
        )}
      </div>
      <div
        style={{ flex: 1, overflowY: 'auto', padding: '12px 0', display: 'flex', flexDirection: 'column', gap: 8 }}
        data-testid="transcript"
      >
        <MessageList
          messages={messages.map((m) => ({
            key: m.messageId,
            sender: m.sender,
            body: m.body,
            at: m.at,
            agentName: m.agentName,
            robot: m.robot,
            file: m.file && { ...m.file, url: `${FILE_ROUTE}/${siteId}/${m.file.id}` },
            staff: m.staff,
          }))}
          fmt={fmt}
        />
        {preview && !closed && (
          <Typography.Text type="secondary" italic data-testid="visitor-preview">
            {t('visitorTyping', { text: preview })}
          </Typography.Text>
        )}
        <div ref={bottom} />
      </div>
      {!closed && (
        <AssistSuggestions
          assist={assist}
          onInsert={(s, via) => {
            // Inserted for editing, after whatever the agent has already written.
            setDraft((d) => (d.trim() ? `${d.trimEnd()}\n${s.answer}` : s.answer));
            assist.used(s, via);
            box.current?.focus();
          }}
        />
      )}
      {!closed && (
        <div style={{ position: 'relative' }}>
          <CannedSuggestions picker={picker} listId={listId} />
          <Space.Compact style={{ width: '100%' }}>
            <AttachButton onFiles={(files) => void upload(files)} />
            <Input.TextArea
              ref={(el) => {
                box.current = el?.resizableTextArea?.textArea ?? null;
              }}
              value={draft}
              autoSize={{ minRows: 1, maxRows: 5 }}
              maxLength={2000}
              placeholder={t('placeholder')}
              aria-label={t('placeholder')}
              data-testid="chat-input"
              role="combobox"
              aria-expanded={picker.open}
              aria-controls={picker.open ? listId : undefined}
              aria-autocomplete="list"
              aria-activedescendant={picker.open ? `${listId}-${picker.active}` : undefined}
              onChange={(e) => {
                setDraft(e.target.value);
                setTyping(e.target.value.length > 0);
              }}
              onBlur={() => setTyping(false)}
              onPaste={(e) => {
                // A pasted screenshot is a file: sent as one; pasted text stays in the box.
                if (e.clipboardData.files.length === 0) return;
                e.preventDefault();
                void upload([...e.clipboardData.files]);
              }}
              onKeyDown={(e) => picker.onKeyDown(e)}
              onPressEnter={(e) => {
                // With the `/` list open, Enter is the picker's (onKeyDown inserts the reply).
                if (picker.open || e.shiftKey || e.nativeEvent.isComposing) return;
                e.preventDefault();
                send();
              }}
            />
            <Button type="primary" onClick={send} data-testid="chat-send">
              {chat.status === 'queued' ? t('take') : t('send')}
            </Button>
          </Space.Compact>
        </div>
      )}
    </div>
  );
}
