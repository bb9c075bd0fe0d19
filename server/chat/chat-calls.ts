import { randomBytes } from 'node:crypto';
import { CALL_LINE, type CallEndReason, type CallSummary } from '../contract/calls.ts';
import type { AgentToServer, VisitorToServer } from '../contract/channels.ts';
import type { ChatConversation } from './chat-conversation.ts';
import type { Step } from './chat-request.ts';
import type { AgentLink, ChatDeps, ChatRooms, VisitorLink } from './chat-rooms.ts';
import { pickCallAgent } from './routing.ts';
import { CallLedger, partiesOf, type CallParties } from './call-ledger.ts';

type VisitorCallMessage = Extract<VisitorToServer, { type: 'call.request' | 'call.signal' | 'call.hangup' }>;
type AgentCallMessage = Extract<
  AgentToServer,
  { type: 'call.answer' | 'call.decline' | 'call.signal' | 'call.hold' | 'call.hangup' | 'call.start' }
>;

/** The call messages of either side, routed here by the chat service. */
export function isCallMessage<M extends { type: string }>(m: M): m is Extract<M, { type: `call.${string}` }> {
  return m.type.startsWith('call.');
}

interface Call {
  siteId: string;
  sessionId: string;
  summary: CallSummary;
  /** The visitor's page on the call: only it gets the other peer's signals; its closing ends the call. */
  visitor: VisitorLink | null;
  /** The agent's tab that answered (or started) the call. */
  agent: AgentLink | null;
  /** Agents who declined this call: it rings the next one. */
  declined: Set<string>;
  timer?: NodeJS.Timeout;
}

const DEFAULT_RING_MS = 30_000;

/**
 * Web calls, in the same rooms as the chats: a visitor's "Call us" rings one agent at a time
 * (the chat's agent, else the least busy free one who takes calls), a decline rings the
 * next, and a call nobody answers in the site's ring time is missed (the widget then offers
 * a callback through the offline capture). Once answered the server relays the peers'
 * WebRTC signals between exactly the two tabs on the call; media flows between them.
 * Calls live in memory: a restart ends them (the peers see the sockets drop).
 */
export class ChatCalls {
  private readonly calls = new Map<string, Call>();
  private readonly ledger = new CallLedger();

  constructor(
    private readonly rooms: ChatRooms,
    private readonly conversation: ChatConversation,
    private readonly deps: ChatDeps,
    /** The team's presence changed (on a call or free again): agents and visitors hear. */
    private readonly agentsChanged: (siteId: string) => void,
  ) {}

  stop(): void {
    for (const call of this.calls.values()) clearTimeout(call.timer);
  }

  async fromVisitor(link: VisitorLink, message: VisitorCallMessage): Promise<void> {
    const call = this.ofVisitor(link.siteId, link.visitorId);
    switch (message.type) {
      case 'call.request':
        if (!call) return this.request(link);
        // An agent's call to this visitor: "Answer" in the widget.
        if (call.summary.origin === 'agent' && call.summary.status === 'ringing') return this.answer(call, link, null);
        return link.send({ type: 'call.error', reason: 'busy' });
      case 'call.signal':
        if (!call || call.visitor !== link || call.summary.status !== 'active' || !call.agent)
          return link.send({ type: 'call.error', reason: 'no_call' });
        return call.agent.send({ type: 'call.signal', callId: call.summary.callId, signal: message.signal });
      case 'call.hangup':
        if (!call || call.summary.callId !== message.callId)
          return link.send({ type: 'call.error', reason: 'no_call' });
        if (call.summary.origin === 'agent' && call.summary.status === 'ringing') return this.end(call, 'declined');
        return this.end(call, message.reason ?? 'hangup');
    }
  }

  async fromAgent(link: AgentLink, message: AgentCallMessage): Promise<void> {
    if (message.type === 'call.start') return this.startFromChat(link, message.chatId);
    const call = this.calls.get(message.callId);
    if (!call || call.siteId !== link.siteId || call.summary.agentId !== link.userId)
      return link.send({ type: 'call.error', reason: 'no_call' });
    const s = call.summary;
    switch (message.type) {
      case 'call.answer':
        if (s.status !== 'ringing' || s.origin !== 'visitor')
          return link.send({ type: 'call.error', reason: 'no_call' });
        return this.answer(call, call.visitor, link);
      case 'call.decline':
        if (s.status !== 'ringing' || s.origin !== 'visitor') return;
        call.declined.add(link.userId);
        this.setOnCall(call.siteId, link.userId, false);
        return this.ring(call);
      case 'call.signal':
        if (s.status !== 'active' || call.agent !== link || !call.visitor)
          return link.send({ type: 'call.error', reason: 'no_call' });
        return call.visitor.send({ type: 'call.signal', callId: s.callId, signal: message.signal });
      case 'call.hold':
        if (s.status !== 'active') return;
        s.held = message.held;
        return this.show(call);
      case 'call.hangup':
        return this.end(call, message.reason ?? 'hangup');
    }
  }

  /** A visitor's page closed or navigated away: its call ends with that reason. */
  visitorLeft(link: VisitorLink): void {
    for (const call of this.calls.values()) if (call.visitor === link) void this.end(call, 'visitor_left');
  }

  /** An agent's tab closed: the call it answered ends. */
  agentLeft(link: AgentLink): void {
    for (const call of this.calls.values()) if (call.agent === link) void this.end(call, 'agent_left');
  }

  /** The calls an agent's tab shows after a (re)connect. */
  open(siteId: string): CallSummary[] {
    return [...this.calls.values()].filter((c) => c.siteId === siteId).map((c) => c.summary);
  }

  /** An answered call, running or ended lately: who may upload its recording. */
  parties(callId: string): CallParties | undefined {
    const call = this.calls.get(callId);
    return call?.summary.status === 'active' ? partiesOf(call.siteId, call.summary) : this.ledger.get(callId);
  }

  private ofVisitor(siteId: string, visitorId: string): Call | undefined {
    for (const call of this.calls.values())
      if (call.siteId === siteId && call.summary.visitorId === visitorId) return call;
    return undefined;
  }

  private async request(link: VisitorLink): Promise<void> {
    const site = this.rooms.site(link.siteId);
    const chat = site.byVisitor.get(link.visitorId);
    const open = chat && chat.summary.status !== 'closed' ? chat : undefined;
    const call = this.create(link.siteId, link.visitorId, link.sessionId, 'visitor', open?.summary.chatId ?? '');
    call.visitor = link;
    await this.record(call, { type: 'call_requested', props: { call_id: call.summary.callId, origin: 'visitor' } });
    if (!this.rooms.callsOpen(link.siteId)) return this.end(call, 'unavailable');
    return this.ring(call, open?.summary.agentId ?? '');
  }

  /** Escalation: the agent of an open chat calls its visitor; the widget rings on the chat's pages. */
  private async startFromChat(link: AgentLink, chatId: string): Promise<void> {
    const site = this.rooms.site(link.siteId);
    const chat = site.chats.get(chatId);
    const agent = site.agents.get(link.userId);
    if (!chat || chat.summary.status !== 'open' || !agent) return link.send({ type: 'call.error', reason: 'no_call' });
    if (agent.presence.onCall || this.ofVisitor(link.siteId, chat.summary.visitorId))
      return link.send({ type: 'call.error', reason: 'busy' });
    const call = this.create(link.siteId, chat.summary.visitorId, chat.summary.sessionId, 'agent', chatId);
    call.agent = link;
    call.summary.agentId = link.userId;
    call.summary.agentName = agent.presence.name;
    this.setOnCall(link.siteId, link.userId, true);
    await this.record(call, { type: 'call_requested', props: { call_id: call.summary.callId, origin: 'agent' } });
    call.timer = this.ringTimer(call);
    this.rooms.toServers(site, this.upsert(call));
    this.rooms.toChat(site, chat, this.state(call));
  }

  private create(
    siteId: string,
    visitorId: string,
    sessionId: string,
    origin: CallSummary['origin'],
    chatId: string,
  ): Call {
    const call: Call = {
      siteId,
      sessionId,
      visitor: null,
      agent: null,
      declined: new Set(),
      summary: {
        callId: `c_${randomBytes(12).toString('base64url')}`,
        visitorId,
        chatId,
        origin,
        agentId: '',
        agentName: '',
        status: 'ringing',
        held: false,
        requestedAt: this.rooms.now(),
        answeredAt: 0,
        endedAt: 0,
        endReason: '',
        recorded: this.deps.service?.(siteId).settings.calls.record ?? false,
      },
    };
    this.calls.set(call.summary.callId, call);
    return call;
  }

  /** Rings the next free agent, or ends the call missed when there is none. */
  private ring(call: Call, preferred = ''): Promise<void> | void {
    clearTimeout(call.timer);
    const site = this.rooms.site(call.siteId);
    const next = pickCallAgent(this.rooms.presences(site), preferred, call.declined);
    if (!next) return this.end(call, call.declined.size > 0 ? 'declined' : 'unavailable');
    call.summary.agentId = next.userId;
    call.summary.agentName = next.name;
    this.setOnCall(call.siteId, next.userId, true);
    call.timer = this.ringTimer(call);
    this.show(call);
  }

  private ringTimer(call: Call): NodeJS.Timeout {
    const ringMs =
      this.deps.calls?.ringMs ??
      (this.deps.service ? this.deps.service(call.siteId).settings.calls.ringSeconds * 1000 : DEFAULT_RING_MS);
    const timer = setTimeout(() => void this.end(call, 'missed'), ringMs);
    timer.unref();
    return timer;
  }

  private async answer(call: Call, visitor: VisitorLink | null, agent: AgentLink | null): Promise<void> {
    clearTimeout(call.timer);
    const s = call.summary;
    s.status = 'active';
    s.answeredAt = this.rooms.now();
    if (visitor) call.visitor = visitor;
    if (agent) call.agent = agent;
    await this.record(call, { type: 'call_answered', props: { call_id: s.callId, origin: s.origin } });
    this.show(call);
  }

  private async end(call: Call, reason: CallEndReason): Promise<void> {
    if (!this.calls.delete(call.summary.callId)) return;
    clearTimeout(call.timer);
    const s = call.summary;
    const answered = s.status === 'active';
    s.status = 'ended';
    s.endedAt = this.rooms.now();
    s.endReason = reason;
    if (s.agentId) this.setOnCall(call.siteId, s.agentId, false);
    this.show(call);
    // Shown first, stored after: a hang-up must not wait on the store.
    if (answered) {
      this.ledger.note(call.siteId, s);
      const durationMs = s.endedAt - s.answeredAt;
      await this.record(call, {
        type: 'call_ended',
        props: { call_id: s.callId, duration_ms: String(durationMs), reason },
      });
      const chat = this.rooms.site(call.siteId).chats.get(s.chatId);
      if (chat && chat.summary.status !== 'closed')
        await this.conversation.post(chat, {
          messageId: `call_${s.callId.slice(2)}`,
          sender: 'system',
          agentName: s.agentName,
          body: `${CALL_LINE}${Math.round(durationMs / 1000)}`,
        });
    } else {
      const why = reason === 'missed' ? 'no_answer' : reason;
      await this.record(call, { type: 'call_missed', props: { call_id: s.callId, origin: s.origin, reason: why } });
    }
  }

  /** Both sides see the call as it is now: every agent tab of the site, and the visitor's page(s). */
  private show(call: Call): void {
    const site = this.rooms.site(call.siteId);
    this.rooms.toServers(site, this.upsert(call));
    if (call.visitor) call.visitor.send(this.state(call));
    else {
      const chat = site.chats.get(call.summary.chatId);
      if (chat) this.rooms.toChat(site, chat, this.state(call));
    }
  }

  private upsert(call: Call) {
    return { type: 'call.upsert' as const, call: { ...call.summary }, iceServers: this.deps.calls?.iceServers ?? [] };
  }

  private state(call: Call) {
    return { type: 'call.state' as const, call: { ...call.summary }, iceServers: this.deps.calls?.iceServers ?? [] };
  }

  private setOnCall(siteId: string, userId: string, onCall: boolean): void {
    const agent = this.rooms.site(siteId).agents.get(userId);
    if (!agent || agent.presence.onCall === onCall) return;
    agent.presence.onCall = onCall;
    this.agentsChanged(siteId);
  }

  private record(call: Call, step: Step): Promise<void> {
    const link: VisitorLink = {
      siteId: call.siteId,
      visitorId: call.summary.visitorId,
      sessionId: call.sessionId,
      chatToken: '',
      send: () => undefined,
    };
    return this.rooms.record(link, { ...step, agentId: call.summary.agentId, chatId: call.summary.chatId });
  }
}
