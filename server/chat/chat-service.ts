import type { AgentToServer, VisitorToServer } from '../contract/channels.ts';
import type { InviteRule } from '../contract/rule-schema.ts';
import { ChatConversation } from './chat-conversation.ts';
import { restoreOpenChats } from './chat-restore.ts';
import { ChatSteps } from './chat-steps.ts';
import { DEFAULT_AGENT_TIMINGS } from './agent-people.ts';
import { AgentDesk } from './agent-desk.ts';
import { ChatInvitations } from './chat-invitations.ts';
import { ChatQueue } from './chat-queue.ts';
import { ChatRooms, type AgentLink, type ChatDeps, type VisitorLink } from './chat-rooms.ts';
import { captureOffline } from './offline-capture.ts';
import { ChatRobot } from './chat-robot.ts';
import { ChatCalls, isCallMessage } from './chat-calls.ts';
import type { CallParties } from './call-ledger.ts';
import { ChannelChats } from './channel-chats.ts';
import { ChatAttachments } from './chat-attachments.ts';
import { ChatTeam, isTeamMessage } from './chat-team.ts';
import { Teams } from './teams.ts';

/** How often visitors' availability is re-checked, so business hours begin and end on time. */
const AVAILABILITY_CHECK_MS = 30_000;

export type { AgentTimings } from './agent-people.ts';
export type { AgentLink, ChatDeps, RobotKnowledge, VisitorLink } from './chat-rooms.ts';

/**
 * Invitations, chats and routing for every site, in the one server process. Every step is
 * stored before it is shown: messages in `chat_messages` (seq per chat), steps in `events`.
 * Clients resume by seq after a reconnect and key messages by messageId, so a reconnect,
 * a page change or a server restart loses and doubles nothing. The rooms live in
 * chat-rooms.ts; routing in chat-queue.ts, messages in chat-conversation.ts, invitations
 * in chat-invitations.ts, agents' presence in agent-desk.ts, offline messages in
 * offline-capture.ts.
 */
export class ChatService {
  private readonly rooms: ChatRooms;
  private readonly steps: ChatSteps;
  private readonly queue: ChatQueue;
  private readonly invitations: ChatInvitations;
  private readonly desk: AgentDesk;
  private readonly conversation: ChatConversation;
  private readonly robot: ChatRobot;
  private readonly calls: ChatCalls;
  private readonly teams: Teams;
  private readonly team: ChatTeam;
  private readonly clock: NodeJS.Timeout;
  /** Conversations from email, the channel API and WeChat, same queue and routing; files and transcripts. */
  readonly channels: ChannelChats;
  readonly files: ChatAttachments;
  constructor(private readonly deps: ChatDeps) {
    this.rooms = new ChatRooms(deps);
    this.steps = new ChatSteps({
      ch: deps.ch,
      dir: deps.journalDir,
      writeEvents: (rows, identities) => deps.writeEvents(rows, identities),
    });
    this.teams = new Teams(deps.ch);
    this.queue = new ChatQueue(this.rooms, this.steps, this.teams);
    this.invitations = new ChatInvitations(this.rooms, this.queue);
    this.conversation = new ChatConversation(this.rooms, this.queue, deps.ch);
    this.desk = new AgentDesk(this.rooms, this.queue, deps.ch, { ...DEFAULT_AGENT_TIMINGS, ...deps.timings });
    this.robot = new ChatRobot(this.rooms, this.queue, this.conversation, deps);
    this.calls = new ChatCalls(this.rooms, this.conversation, deps, (siteId) => this.desk.agentsChanged(siteId));
    this.channels = new ChannelChats(this.rooms, this.queue, this.conversation, this.robot, deps);
    this.files = new ChatAttachments(this.rooms, this.queue, this.conversation, this.robot, deps);
    this.team = new ChatTeam(this.rooms, this.queue, this.conversation);
    this.clock = setInterval(() => this.serviceChanged(), AVAILABILITY_CHECK_MS);
    this.clock.unref();
  }

  /** Stops the idle check, pending offline timers and the hours check (at shutdown). */
  stop(): void {
    this.desk.stop();
    this.calls.stop();
    clearInterval(this.clock);
  }

  /** Business hours or robot settings changed, or the clock moved: visitors hear if what they may do changed. */
  serviceChanged(siteId?: string): void {
    for (const id of siteId === undefined ? this.rooms.sites.keys() : [siteId]) this.rooms.announce(id);
  }

  /** What a visitor's widget offers now: a person (agentsOnline) and whether the robot takes a chat. */
  availability(siteId: string): { agentsOnline: boolean; robot: boolean; calls: boolean } {
    return this.rooms.availability(siteId);
  }

  /** Who was on an answered call (running or ended lately): a recording's upload is checked against it. */
  readonly callParties = (callId: string): CallParties | undefined => this.calls.parties(callId);
  /** A site's groups or channel routes were saved: routing reloads them, and queued chats may go now. */
  async groupsChanged(siteId: string): Promise<void> {
    await this.teams.load();
    this.queue.queueChanged(this.rooms.site(siteId));
    this.queue.drainQueue(siteId);
  }

  /** Brings back the open and queued chats a previous process left (after a restart). */
  async restore(): Promise<void> {
    await this.teams.load();
    const replayed = await this.steps.replay();
    if (replayed > 0) console.log(`chat: stored ${replayed} chat requests and offline messages left by the last run`);
    await restoreOpenChats(this.deps.ch, this.rooms, (site, id, name) => this.desk.ensure(site, id, name));
    for (const site of this.rooms.sites.values()) this.queue.countChats(site);
  }

  /** Waits for journaled chat steps to be stored (at shutdown, and in tests before reading). */
  drain(): Promise<void> {
    return this.steps.drain();
  }

  /** An admin set whether a user takes chats (stored already): their tabs and routing follow. */
  takesChatsSet(userId: string, takesChats: boolean): void {
    this.desk.people.takesChatsSet(userId, takesChats);
  }

  agentConnected(link: AgentLink): () => void {
    const leave = this.desk.connect(link);
    for (const call of link.serves ? this.calls.open(link.siteId) : [])
      link.send({ type: 'call.upsert', call, iceServers: this.deps.calls?.iceServers ?? [] });
    return () => {
      this.calls.agentLeft(link);
      leave();
    };
  }

  visitorConnected(link: VisitorLink): () => void {
    const site = this.rooms.site(link.siteId);
    let set = site.visitors.get(link.visitorId);
    if (!set) site.visitors.set(link.visitorId, (set = new Set()));
    set.add(link);
    this.invitations.showPending(link);
    return () => {
      this.calls.visitorLeft(link);
      set.delete(link);
      if (set.size === 0) site.visitors.delete(link.visitorId);
    };
  }

  /** Visitors of the site with a page open now. */
  connectedVisitors(siteId: string): string[] {
    return [...this.rooms.site(siteId).visitors.keys()];
  }

  /** See ChatInvitations.fromRule. */
  inviteFromRule(siteId: string, visitorId: string, rule: InviteRule): Promise<boolean> {
    return this.invitations.fromRule(siteId, visitorId, rule);
  }

  agentsOnline(siteId: string): boolean {
    return this.rooms.agentsOnline(siteId);
  }

  /** When the longest-waiting queued chat asked for a person (alerts); null when nobody waits. */
  queuedSince = (siteId: string) => this.rooms.queuedSince(siteId);

  /**
   * A page reads and writes the visitor's chat only with its token. Without it, it is shown
   * no chat, and while the visitor's chat is open it may start nothing new (`chat_locked`):
   * the one chat per visitor stays with whoever started it.
   */
  async fromVisitor(link: VisitorLink, message: Exclude<VisitorToServer, { type: 'hello' | 'ping' }>): Promise<void> {
    if (isCallMessage(message)) return this.calls.fromVisitor(link, message);
    if (message.type === 'chat.transcript') return this.files.forVisitor(link, message.email);
    const rooms = this.rooms;
    const site = rooms.site(link.siteId);
    if (message.type === 'chat.sync' && message.chatToken) link.chatToken = message.chatToken;
    const current = site.byVisitor.get(link.visitorId);
    const chat = current && rooms.holds(link, current) ? current : undefined;
    const locked = !chat && current !== undefined && current.summary.status !== 'closed';
    switch (message.type) {
      case 'chat.sync':
        link.send({ type: 'chat.state', chat: chat ? rooms.visitorView(chat) : null });
        for (const m of chat?.messages ?? [])
          if (m.seq > message.afterSeq && m.sender !== 'staff') link.send({ type: 'chat.message', message: m });
        return;
      case 'chat.request': {
        if (locked) return link.send({ type: 'chat.error', reason: 'chat_locked' });
        if (chat && chat.summary.status !== 'closed')
          return link.send({ type: 'chat.state', chat: rooms.visitorView(chat) });
        const robot = this.rooms.robotServes(link.siteId);
        if (!robot && !this.agentsOnline(link.siteId)) return link.send({ type: 'chat.error', reason: 'offline' });
        const visitor = {
          name: message.name ?? '',
          email: message.email ?? '',
          phone: message.phone ?? '',
          question: message.question ?? '',
        };
        const started = this.queue.startChat(link, {
          robot: robot ? this.deps.service?.(link.siteId).settings.robot.name : undefined,
          origin: 'visitor',
          invitationId: '',
          ruleId: '',
          preferred: '',
          visitor,
          first: visitor.question
            ? { messageId: 'q_', sender: 'visitor', agentName: '', body: visitor.question }
            : undefined,
          lead: Boolean(visitor.email || visitor.phone),
        });
        const first = started.messages[0];
        if (first) await this.robot.reply(started, link, first.messageId, first.body);
        return;
      }
      case 'invite.accept':
      case 'invite.dismiss':
        return this.invitations.answer(link, message, chat, locked);
      case 'chat.send': {
        if (!chat || chat.summary.status === 'closed') return link.send({ type: 'chat.error', reason: 'no_chat' });
        // A re-send after a reconnect is stored once and answered once.
        const fresh = !chat.byMessageId.has(message.messageId);
        await this.conversation.post(chat, {
          messageId: message.messageId,
          sender: 'visitor',
          agentName: '',
          body: message.body,
        });
        if (fresh) await this.robot.reply(chat, link, message.messageId, message.body);
        return;
      }
      case 'robot.handover':
        if (chat && chat.summary.status !== 'closed') await this.robot.handOver(chat, link);
        return;
      case 'robot.rate':
        if (chat) await this.robot.rate(chat, message.messageId, message.helpful);
        return;
      case 'chat.typing':
        if (chat && chat.summary.status !== 'closed')
          rooms.toServers(site, { type: 'chat.typing', chatId: chat.summary.chatId, text: message.text });
        return;
      case 'chat.end':
        if (chat && chat.summary.status !== 'closed') await this.conversation.close(chat, 'visitor');
        return;
      case 'chat.rate':
        if (chat) await this.conversation.rate(chat, message.rating);
        return;
      case 'offline.message':
      case 'callback.request':
        captureOffline(rooms, this.steps, link, message);
        this.deps.captured?.(link.siteId, link.visitorId, message);
        // Asked of a robot that had nobody to hand over to: the message carries the conversation on.
        if (chat && chat.summary.robot === 'serving' && chat.summary.status === 'open')
          await this.conversation.close(chat, 'visitor');
        return;
    }
  }

  async fromAgent(link: AgentLink, message: Exclude<AgentToServer, { type: 'ping' }>): Promise<void> {
    const site = this.rooms.site(link.siteId);
    const agent = site.agents.get(link.userId);
    // Every dashboard tab reports activity; only those who may chat have a presence to keep.
    if (message.type === 'agent.active' && !link.serves) return;
    if (!link.serves || !agent) return link.send({ type: 'chat.error', reason: 'not_allowed' });
    if (isCallMessage(message)) return this.calls.fromAgent(link, message);
    if (message.type === 'chat.transcript') return this.files.forAgent(link, message.chatId);
    if (isTeamMessage(message)) return this.team.fromAgent(link, message);
    switch (message.type) {
      case 'agent.status':
        return this.desk.people.choose(link.userId, link.settings, message);
      case 'agent.active':
        return this.desk.people.active(link.userId, link.settings);
      case 'invite':
        return this.invitations.fromAgent(link, agent.presence.name, message);
      case 'chat.send': {
        const chat = site.chats.get(message.chatId);
        if (!chat || chat.summary.status === 'closed') return link.send({ type: 'chat.error', reason: 'chat_closed' });
        const takenFromRobot = this.robot.takeOver(chat);
        if (chat.summary.status === 'queued') this.queue.assign(site, chat, agent);
        await takenFromRobot;
        await this.conversation.post(chat, {
          messageId: message.messageId,
          sender: 'agent',
          agentName: agent.presence.name,
          body: message.body,
          agentId: link.userId,
        });
        // The customer of another channel has no page open: the channel delivers the reply.
        const sent = chat.byMessageId.get(message.messageId);
        if (chat.summary.channel !== 'web' && sent) this.deps.outbound?.(chat.siteId, chat.summary, sent);
        return;
      }
      case 'chat.typing': {
        const chat = site.chats.get(message.chatId);
        if (chat && chat.summary.status !== 'closed')
          this.rooms.toChat(site, chat, { type: 'chat.typing', typing: message.typing });
        return;
      }
      case 'chat.close': {
        const chat = site.chats.get(message.chatId);
        if (chat && chat.summary.status !== 'closed') await this.conversation.close(chat, 'agent');
        return;
      }
    }
  }
}
