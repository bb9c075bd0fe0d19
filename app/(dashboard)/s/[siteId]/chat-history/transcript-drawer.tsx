'use client';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useTranslations } from 'use-intl';
import { Country } from '@/app/_components/country';
import { QueryState } from '@/app/_components/query-state';
import type { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { MessageList } from '@/app/(dashboard)/s/[siteId]/chats/message-list';
import { FILE_ROUTE } from '@/server/contract/chat-files';
import { ChatCallsCell } from './chat-calls';
import { CallRecordings } from './call-recordings';

export type HistoryRow = RouterOutputs['chatHistory']['list']['rows'][number];

/** One past chat: who, when, how it went, and every message as it was written. */
export function TranscriptDrawer({
  chat,
  siteId,
  fmt,
  onClose,
}: {
  chat: HistoryRow | null;
  siteId: string;
  fmt: ReturnType<typeof useFormat>;
  onClose: () => void;
}) {
  const t = useTranslations('chat');
  const tc = useTranslations('calls');
  const trpc = useTRPC();
  const transcript = useQuery(
    trpc.chatHistory.transcript.queryOptions({ siteId, chatId: chat?.chatId ?? '' }, { enabled: chat !== null }),
  );
  return (
    <Drawer
      open={chat !== null}
      onClose={onClose}
      size="large"
      title={chat ? visitorName(chat, t('anonymous')) : ''}
      data-testid="transcript-drawer"
    >
      {chat && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('past.started')}>{fmt.dateTime(chat.startedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('past.duration')}>
              {chat.endedAt > 0 ? fmt.duration(chat.endedAt - chat.startedAt) : t('past.stillOpen')}
            </Descriptions.Item>
            <Descriptions.Item label={t('past.agent')}>{chat.agentName || t('past.notAnswered')}</Descriptions.Item>
            <Descriptions.Item label={t('past.how')}>
              {chat.origin === 'invitation' ? t('invited') : t('fromVisitor')}
            </Descriptions.Item>
            {chat.email && <Descriptions.Item label={t('past.email')}>{chat.email}</Descriptions.Item>}
            <Descriptions.Item label={t('past.country')}>
              <Country code={chat.country} />
            </Descriptions.Item>
            {chat.calls > 0 && (
              <Descriptions.Item label={tc('report.calls')}>
                <ChatCallsCell chat={chat} fmt={fmt} />
              </Descriptions.Item>
            )}
            {chat.rating > 0 && (
              <Descriptions.Item label={t('past.rating')}>
                <Tag color="gold">{t('rating', { n: chat.rating })}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Link href={`/s/${siteId}/visitors/${encodeURIComponent(chat.visitorId)}`} data-testid="transcript-profile">
            {t('past.profile')}
          </Link>
          {chat.calls > 0 && <CallRecordings siteId={siteId} chatId={chat.chatId} fmt={fmt} />}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('past.transcript')}
          </Typography.Title>
          <QueryState query={transcript}>
            {(messages) =>
              messages.length === 0 ? (
                <Empty data-state="empty" description={t('past.noMessages')} />
              ) : (
                <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="transcript">
                  <MessageList
                    messages={messages.map((m) => ({
                      key: String(m.seq),
                      sender: m.sender,
                      body: m.body,
                      at: m.at,
                      agentName: m.sender === 'agent' ? chat.agentName : (m.staff?.name ?? ''),
                      staff: m.staff?.kind,
                      file: m.file && { ...m.file, url: `${FILE_ROUTE}/${siteId}/${m.file.id}` },
                    }))}
                    fmt={fmt}
                  />
                </div>
              )
            }
          </QueryState>
        </>
      )}
    </Drawer>
  );
}

/** The drawer for a chat known only by its id (a visitor profile's trail). */
export function ChatDrawerById({
  chatId,
  siteId,
  fmt,
  onClose,
}: {
  chatId: string | null;
  siteId: string;
  fmt: ReturnType<typeof useFormat>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const chat = useQuery(
    trpc.chatHistory.get.queryOptions({ siteId, chatId: chatId ?? '' }, { enabled: chatId !== null }),
  );
  return (
    <TranscriptDrawer
      chat={chatId !== null && chat.data ? chat.data : null}
      siteId={siteId}
      fmt={fmt}
      onClose={onClose}
    />
  );
}

/** The name or email the visitor gave before the chat, else "Anonymous visitor". */
export const visitorName = (c: Pick<HistoryRow, 'name' | 'email'>, anonymous: string) => c.name || c.email || anonymous;
