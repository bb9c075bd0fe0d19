'use client';
import { InputNumber, Segmented, Space, Switch, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { AgentPresence } from '@/server/contract/channels';
import { sendToHub } from '@/app/_lib/realtime';
import { TeamList } from './team-list';

/** The agent's own availability (stored per user: it survives reloads and new tabs), whether they take chats, and how many at once. */
export function AgentStatusBar({
  siteId,
  me,
  agents,
}: {
  siteId: string;
  me: AgentPresence | null;
  agents: AgentPresence[];
}) {
  const t = useTranslations('chat');
  const tc = useTranslations('calls');
  const online = agents.filter((a) => a.status === 'online' && a.takesChats).length;
  const status = me?.status === 'away' ? 'away' : 'online';
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={16}>
        <Space>
          <Typography.Text type="secondary">{t('myStatus')}</Typography.Text>
          <Segmented<'online' | 'away'>
            data-testid="agent-status"
            value={status}
            disabled={!me}
            options={[
              { value: 'online', label: t('agentStatus.online') },
              { value: 'away', label: t('agentStatus.away') },
            ]}
            onChange={(next) => sendToHub(siteId, { type: 'agent.status', status: next })}
          />
        </Space>
        <Space>
          <Switch
            size="small"
            data-testid="takes-chats"
            checked={me?.takesChats ?? false}
            disabled={!me}
            aria-label={t('takesChats')}
            onChange={(takesChats) => sendToHub(siteId, { type: 'agent.status', status, takesChats })}
          />
          <Typography.Text type="secondary">{t('takesChats')}</Typography.Text>
        </Space>
        <Space>
          <Switch
            size="small"
            data-testid="takes-calls"
            checked={me?.takesCalls ?? false}
            disabled={!me}
            aria-label={tc('takesCalls')}
            onChange={(takesCalls) => sendToHub(siteId, { type: 'agent.status', status, takesCalls })}
          />
          <Typography.Text type="secondary">{tc('takesCalls')}</Typography.Text>
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('maxChats')}</Typography.Text>
          <InputNumber
            min={1}
            max={30}
            value={me?.maxChats}
            disabled={!me}
            style={{ width: 72 }}
            aria-label={t('maxChats')}
            onChange={(n) => n && me && sendToHub(siteId, { type: 'agent.status', status, maxChats: n })}
          />
        </Space>
        <Typography.Text type="secondary" data-testid="agents-online">
          {t('agentsOnline', { count: online })}
        </Typography.Text>
      </Space>
      <TeamList agents={agents} />
    </Space>
  );
}
