'use client';
import { InputNumber, Segmented, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { AgentPresence } from '@/server/realtime/channels';
import { sendToHub } from '../../../../_lib/realtime';

/** The agent's own availability and how many chats they take at once. */
export function AgentStatusBar({ siteId, me, agents }: { siteId: string; me: AgentPresence | null; agents: AgentPresence[] }) {
  const t = useTranslations('chat');
  const online = agents.filter((a) => a.status === 'online').length;
  return (
    <Space wrap size={16}>
      <Space>
        <Typography.Text type="secondary">{t('myStatus')}</Typography.Text>
        <Segmented<'online' | 'away'>
          data-testid="agent-status"
          value={me?.status === 'away' ? 'away' : 'online'}
          disabled={!me}
          options={[{ value: 'online', label: t('agentStatus.online') }, { value: 'away', label: t('agentStatus.away') }]}
          onChange={(status) => sendToHub(siteId, { type: 'agent.status', status })}
        />
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
          onChange={(n) => n && me && sendToHub(siteId, { type: 'agent.status', status: me.status === 'away' ? 'away' : 'online', maxChats: n })}
        />
      </Space>
      <Typography.Text type="secondary" data-testid="agents-online">{t('agentsOnline', { count: online })}</Typography.Text>
    </Space>
  );
}
