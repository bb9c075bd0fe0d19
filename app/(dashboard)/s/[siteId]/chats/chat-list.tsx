'use client';
import { Badge, Empty, List, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useParams } from 'next/navigation';
import { useTranslations } from 'use-intl';
import type { ChatMessage, ChatSummary } from '@/server/contract/channels';
import { unreadOf } from '@/app/_lib/chat-seen';
import { ChannelTag } from '@/app/_components/channel-tag';
import { useGroups } from './team-actions';
import { teamLine } from '@/server/contract/team-lines';

export const visitorLabel = (c: ChatSummary, anonymous: string) =>
  c.visitor.name || c.visitor.email || c.visitor.phone || `${anonymous} · ${c.visitorId.slice(0, 6)}`;

/** The agent's chats: waiting ones first, then open, then those closed while the page was open. */
export function ChatList({
  chats,
  messages,
  seen,
  selected,
  onSelect,
}: {
  chats: ChatSummary[];
  messages: Record<string, ChatMessage[]>;
  seen: Record<string, number>;
  selected: string | null;
  onSelect: (chatId: string) => void;
}) {
  const t = useTranslations('chat');
  const tr = useTranslations('robot');
  const tt = useTranslations('teams');
  // The last line the visitor could see; a transfer or join line in words, not its code.
  const lastLine = (list: ChatMessage[]) => {
    const m = list.findLast((x) => x.sender !== 'staff');
    const team = m?.sender === 'system' ? teamLine(m.body) : null;
    return team ? tt(team.kind === 'joined' ? 'joinedLine' : 'transferredLine', { name: team.name }) : m?.body;
  };
  const { siteId } = useParams<{ siteId: string }>();
  const groups = new Map(useGroups(siteId).map((g) => [g.groupId, g.name]));
  const rank = (c: ChatSummary) => (c.status === 'queued' ? 0 : c.status === 'open' ? 1 : 2);
  const sorted = [...chats].sort((a, b) => rank(a) - rank(b) || b.startedAt - a.startedAt);
  if (sorted.length === 0)
    return (
      <Empty
        data-testid="chats-empty"
        description={
          <>
            <div>{t('noChats')}</div>
            <Typography.Text type="secondary">{t('noChatsHint')}</Typography.Text>
            <div>
              <Link href={`/s/${siteId}/chat-history`}>{t('pastChats')}</Link>
            </div>
          </>
        }
      />
    );
  return (
    <List
      data-testid="chat-list"
      dataSource={sorted}
      renderItem={(c) => {
        const list = messages[c.chatId] ?? [];
        const unread = c.status === 'closed' ? 0 : unreadOf(list, seen[c.chatId]);
        return (
          <List.Item
            key={c.chatId}
            data-testid="chat-item"
            data-chat-id={c.chatId}
            data-status={c.status}
            onClick={() => onSelect(c.chatId)}
            style={{
              cursor: 'pointer',
              paddingInline: 12,
              background: selected === c.chatId ? '#eef2ff' : undefined,
              borderRadius: 6,
            }}
          >
            <List.Item.Meta
              title={
                <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong ellipsis>
                    {visitorLabel(c, t('anonymous'))}
                  </Typography.Text>
                  <Badge count={unread} data-testid="chat-unread" />
                </span>
              }
              description={
                <>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
                    {lastLine(list) ?? c.visitor.question}
                  </Typography.Text>
                  {c.status === 'queued' ? (
                    <Tag color="orange">{t('queued', { n: c.queuePosition })}</Tag>
                  ) : c.status === 'open' ? (
                    <Tag color="green">{t('open')}</Tag>
                  ) : (
                    <Tag>{t('closed')}</Tag>
                  )}
                  <ChannelTag channel={c.channel} />
                  {groups.has(c.groupId) && (
                    <Tag color="purple" data-testid="chat-group">
                      {groups.get(c.groupId)}
                    </Tag>
                  )}
                  {c.channel === 'web' && <Tag>{c.origin === 'invitation' ? t('invited') : t('fromVisitor')}</Tag>}
                  {c.robot !== 'none' && (
                    <Tag color="cyan" data-testid="chat-robot">
                      {c.robot === 'serving' ? tr('robot') : tr('handedOver')}
                    </Tag>
                  )}
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
