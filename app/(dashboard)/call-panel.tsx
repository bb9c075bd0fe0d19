'use client';
import { App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { CallSummary } from '@/server/contract/calls';
import { Place } from '@/app/_components/country';
import { useFormat } from '@/app/_components/use-format';
import { useSite } from '@/app/_components/use-site';
import { AgentCallPeer } from '@/app/_lib/agent-call';
import { sendToHub, useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { LiveHistory } from '@/app/(dashboard)/s/[siteId]/live/live-history';
import { useLiveLabels } from '@/app/(dashboard)/s/[siteId]/live/live-columns';
import { CallClock } from './call-clock';
import { chime as ring } from './chat-alerts';

const CARD_STYLE: React.CSSProperties = {
  position: 'fixed',
  right: 16,
  bottom: 16,
  width: 380,
  maxWidth: 'calc(100vw - 32px)',
  maxHeight: 'calc(100vh - 96px)',
  overflowY: 'auto',
  zIndex: 1100,
  boxShadow: '0 12px 40px rgba(15,23,42,.25)',
};

/**
 * On every dashboard screen: a web call ringing this agent (sound, the tab title, a card
 * with the visitor's page, trail, place, name and history; answer or decline), then the
 * call itself in the tab that answered it (timer, mute, hold, hang up).
 */
export function CallPanel({ siteId }: { siteId: string }) {
  const t = useTranslations('calls');
  const { message } = App.useApp();
  const live = useVisitorsChatsAgents(siteId);
  const { site } = useSite();
  const fmt = useFormat(site?.timeZone);
  const label = useLiveLabels();
  const me = live.me?.userId ?? '';
  // The call this tab answered or started: only this tab holds its peer connection.
  const [peer, setPeer] = useState<{ callId: string; peer: AgentCallPeer } | null>(null);
  const [muted, setMuted] = useState(false);
  const [ended, setEnded] = useState<CallSummary | null>(null);
  const baseTitle = useRef('');
  const ringing = live.calls.find(
    (c) => c.status === 'ringing' && c.origin === 'visitor' && c.agentId === me && me !== '',
  );
  const current = peer ? live.calls.find((c) => c.callId === peer.callId) : undefined;

  useEffect(() => {
    if (!ringing) return;
    baseTitle.current ||= document.title;
    let flash = false;
    ring();
    const timer = setInterval(() => {
      flash = !flash;
      document.title = flash ? `📞 ${t('incoming')}` : baseTitle.current;
      if (flash) ring();
    }, 1000);
    return () => {
      clearInterval(timer);
      document.title = baseTitle.current;
    };
  }, [ringing, t]);

  useEffect(() => {
    if (!peer || current?.status !== 'ended') return;
    peer.peer.close();
    setPeer(null);
    setMuted(false);
    setEnded(current);
  }, [current, peer]);

  useEffect(() => {
    if (live.callError) void message.error(t(`refused.${live.callError.reason}`));
  }, [live.callError, message, t]);

  // The agent escalated a chat (call.start): the new ringing call of theirs gets this tab's peer.
  useEffect(() => {
    const outgoing = live.calls.find((c) => c.origin === 'agent' && c.agentId === me && c.status === 'ringing');
    if (!outgoing || peer || !pendingStart.has(outgoing.chatId)) return;
    pendingStart.delete(outgoing.chatId);
    const p = new AgentCallPeer(siteId, outgoing.callId, live.iceServers, outgoing.recorded);
    void p.prepare();
    setPeer({ callId: outgoing.callId, peer: p });
  }, [live.calls, live.iceServers, me, peer, siteId]);

  const answer = async (call: CallSummary) => {
    const p = new AgentCallPeer(siteId, call.callId, live.iceServers, call.recorded);
    if (!(await p.prepare())) {
      p.close();
      return void message.error(t('micBlocked'));
    }
    setEnded(null);
    setPeer({ callId: call.callId, peer: p });
    sendToHub(siteId, { type: 'call.answer', callId: call.callId });
  };

  if (ringing && !peer) {
    const visitor = live.visitors.find((v) => v.visitorId === ringing.visitorId);
    return (
      <Card style={CARD_STYLE} title={`📞 ${t('incoming')}`} size="small" data-testid="call-ringing">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('visitor')}>
            {visitor ? label.who(visitor) : ringing.visitorId.slice(0, 6)}
          </Descriptions.Item>
          {visitor && (
            <>
              <Descriptions.Item label={t('page')}>{visitor.trail.at(-1)?.path ?? '/'}</Descriptions.Item>
              <Descriptions.Item label={t('place')}>
                <Place country={visitor.country} region={visitor.region} city={visitor.city} />
              </Descriptions.Item>
              <Descriptions.Item label={t('source')}>{label.source(visitor)}</Descriptions.Item>
              <Descriptions.Item label={t('trail')}>
                {visitor.trail
                  .slice(-5)
                  .map((s) => s.path)
                  .join(' → ')}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <Space style={{ margin: '8px 0' }}>
          <Button type="primary" onClick={() => void answer(ringing)} data-testid="call-answer">
            {t('answer')}
          </Button>
          <Button
            danger
            onClick={() => sendToHub(siteId, { type: 'call.decline', callId: ringing.callId })}
            data-testid="call-decline"
          >
            {t('decline')}
          </Button>
        </Space>
        <LiveHistory siteId={siteId} visitorId={ringing.visitorId} fmt={fmt} />
      </Card>
    );
  }

  if (peer && current && current.status !== 'ended') {
    const visitor = live.visitors.find((v) => v.visitorId === current.visitorId);
    const who = visitor ? label.who(visitor) : current.visitorId.slice(0, 6);
    const hold = () => {
      peer.peer.setHeld(!current.held);
      sendToHub(siteId, { type: 'call.hold', callId: current.callId, held: !current.held });
    };
    return (
      <Card style={CARD_STYLE} size="small" data-testid="call-active" data-status={current.status}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>
            {current.status === 'ringing' ? t('callingVisitor', { name: who }) : t('onCall', { name: who })}
          </Typography.Text>
          {current.status === 'active' && (
            <Space>
              <CallClock since={current.answeredAt} />
              {current.held && <Tag color="orange">{t('held')}</Tag>}
              {muted && <Tag>{t('muted')}</Tag>}
              {current.recorded && (
                <Tag color="red" data-testid="call-recorded">
                  {t('recordedTag')}
                </Tag>
              )}
            </Space>
          )}
          <Space wrap>
            {current.status === 'active' && (
              <>
                <Button
                  onClick={() => {
                    peer.peer.setMuted(!muted);
                    setMuted(!muted);
                  }}
                  data-testid="call-mute"
                >
                  {muted ? t('unmute') : t('mute')}
                </Button>
                <Button onClick={hold} data-testid="call-hold">
                  {current.held ? t('resume') : t('hold')}
                </Button>
              </>
            )}
            <Button
              danger
              type="primary"
              onClick={() => sendToHub(siteId, { type: 'call.hangup', callId: current.callId })}
              data-testid="call-hangup"
            >
              {t('hangUp')}
            </Button>
          </Space>
        </Space>
      </Card>
    );
  }

  if (ended)
    return (
      <Card style={CARD_STYLE} size="small" data-testid="call-ended">
        <Space>
          <Typography.Text>{t(`ended.${ended.endReason || 'hangup'}`)}</Typography.Text>
          {ended.answeredAt > 0 && (
            <Typography.Text type="secondary">{fmt.duration(ended.endedAt - ended.answeredAt)}</Typography.Text>
          )}
          <Button size="small" onClick={() => setEnded(null)}>
            {t('close')}
          </Button>
        </Space>
      </Card>
    );
  return null;
}

/** Chats whose agent pressed "Call" in this tab: their call's peer lives here. */
const pendingStart = new Set<string>();

/** "Call" in a chat: rings the visitor's page; the call panel takes it from there. */
export function startCall(siteId: string, chatId: string): boolean {
  pendingStart.add(chatId);
  return sendToHub(siteId, { type: 'call.start', chatId });
}
