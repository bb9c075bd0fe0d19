'use client';
import { App, Button, Card, Col, Grid, Row, Skeleton, Space, Typography } from 'antd';
import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import { useMe, useSite } from '@/app/_components/use-site';
import { useSeen } from '@/app/_lib/chat-seen';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { LinkStatus } from '@/app/(dashboard)/s/[siteId]/live/link-status';
import { AgentStatusBar } from './agent-status';
import { CannedDrawer } from './canned-drawer';
import { ChatList } from './chat-list';
import { Conversation } from './conversation';
import { VisitorContext } from './visitor-context';
import { VisitorHistory } from './visitor-history';

/** The agent console: every chat of the site in one screen, pushed over the hub. */
export default function ChatsPage() {
  const t = useTranslations('chat');
  const tCanned = useTranslations('canned');
  const { siteId } = useParams<{ siteId: string }>();
  const { site } = useSite();
  const fmt = useFormat(site?.timeZone);
  const live = useVisitorsChatsAgents(siteId);
  // Status and "I take chats" belong to those who serve chats: a marketer has none to set.
  const caps = useMe().data?.capabilities;
  const serves = caps?.includes('chat:serve') ?? false;
  const supervises = caps?.includes('chat:supervise') ?? false;
  const seen = useSeen();
  const { message } = App.useApp();
  const refused = live.chatError;
  useEffect(() => {
    if (refused) void message.error(t(`refused.${refused.reason}`));
  }, [refused, message, t]);
  const [selected, setSelected] = useState<string | null>(null);
  const [cannedOpen, setCannedOpen] = useState(false);
  // Below lg the three columns stack: the list and the context take their own height, and
  // the conversation about a screen, instead of three screen-high cards.
  const stacked = Grid.useBreakpoint().lg === false;
  const column = stacked ? {} : { height: 'calc(100vh - 240px)', minHeight: 420 };
  const chat = live.chats.find((c) => c.chatId === selected) ?? null;
  const visitor = chat ? (live.visitors.find((v) => v.visitorId === chat.visitorId) ?? null) : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center" size={16} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <LinkStatus status={live.status} />
        {serves && <AgentStatusBar siteId={siteId} me={live.me} agents={live.agents} />}
        <Button onClick={() => setCannedOpen(true)} data-testid="canned-open">
          {tCanned('open')}
        </Button>
      </Space>
      <CannedDrawer siteId={siteId} open={cannedOpen} onClose={() => setCannedOpen(false)} />
      {!live.ready ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card
              size="small"
              styles={{ body: { padding: 8, ...(stacked ? { maxHeight: 280 } : column), overflowY: 'auto' } }}
            >
              <ChatList
                chats={live.chats}
                messages={live.messages}
                seen={seen}
                selected={selected}
                onSelect={setSelected}
              />
            </Card>
          </Col>
          <Col xs={24} lg={11}>
            <Card size="small" styles={{ body: stacked ? { height: 'calc(100vh - 120px)', minHeight: 420 } : column }}>
              <Conversation
                siteId={siteId}
                chat={chat}
                messages={chat ? (live.messages[chat.chatId] ?? []) : []}
                preview={chat ? (live.previews[chat.chatId] ?? '') : ''}
                fmt={fmt}
                team={{ me: live.me, agents: live.agents, supervises }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={6}>
            <Card size="small" styles={{ body: { ...column, overflowY: 'auto' } }}>
              {chat && (
                <VisitorContext
                  siteId={siteId}
                  chat={chat}
                  visitor={visitor}
                  messages={live.messages[chat.chatId]}
                  fmt={fmt}
                />
              )}
              {chat && <VisitorHistory siteId={siteId} visitorId={chat.visitorId} fmt={fmt} />}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
