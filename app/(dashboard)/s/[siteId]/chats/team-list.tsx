'use client';
import { Space, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { AgentPresence } from '@/server/contract/channels';

const COLOR = { online: 'green', away: 'gold', offline: 'default' } as const;

/** Who of the team is here and how loaded they are, pushed with every presence change. */
export function TeamList({ agents }: { agents: AgentPresence[] }) {
  const t = useTranslations('chat');
  const tc = useTranslations('calls');
  // Users who may only watch (marketers) never take chats and show as offline: leave them out.
  const team = agents
    .filter((a) => a.takesChats || a.status !== 'offline')
    .sort((a, b) => a.name.localeCompare(b.name));
  if (team.length === 0) return null;
  return (
    <Space size={4} wrap data-testid="team">
      <Typography.Text type="secondary">{t('team')}:</Typography.Text>
      {team.map((a) => (
        <Tag
          key={a.userId}
          color={a.takesChats ? COLOR[a.status] : 'default'}
          data-testid="team-member"
          style={{ marginInlineEnd: 0 }}
        >
          {a.name} · {a.takesChats ? t(`agentStatus.${a.status}`) : t('notTakingChats')} ·{' '}
          {t('teamChats', { chats: a.chats, max: a.maxChats })}
          {a.onCall && ` · 📞 ${tc('onCallTag')}`}
        </Tag>
      ))}
    </Space>
  );
}
