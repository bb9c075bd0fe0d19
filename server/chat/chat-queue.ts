import { newId } from '../sites/site-service.ts';
import type { ChatSummary } from '../contract/channels.ts';
import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import { hashChatToken, newChatToken } from './chat-tokens.ts';
import { chatRequestStep, type NewChat } from './chat-request.ts';
import type { ChatSteps } from './chat-steps.ts';
import type { Agent, Chat, ChatRooms, Site, VisitorLink } from './chat-rooms.ts';
import { pickAgent } from './routing.ts';
import type { Teams } from './teams.ts';
import type { ChatEventInput } from './chat-events.ts';

/**
 * Where a chat goes: a new chat is routed at once or queued, and queued chats go, oldest
 * first, to whoever has a free slot. Only a chat still queued can be assigned, so each chat
 * starts once, with one agent.
 */
export class ChatQueue {
  /** A chat transferred to a group waited in its queue and is taken now: the transcript says who took it. */
  onTaken?: (site: Site, chat: Chat, agent: Agent) => void;

  constructor(
    private readonly rooms: ChatRooms,
    private readonly steps: ChatSteps,
    readonly teams: Teams,
  ) {}

  /**
   * A new chat, in one turn of the event loop: the request, its first message and its lead
   * are journaled as one step, then the chat is routed and shown. No await between routing
   * and assignment, so nothing else (a chat closing, an agent connecting) can assign it too.
   */
  startChat(link: VisitorLink, o: NewChat): Chat {
    const rooms = this.rooms;
    const site = rooms.site(link.siteId);
    const chatId = `chat_${newId(16)}`;
    const at = rooms.now();
    const channel = o.channel ?? 'web';
    const groupId = o.groupId ?? this.teams.route(link.siteId, channel);
    const members = this.teams.members(link.siteId, groupId);
    const agent = o.robot === undefined ? pickAgent(rooms.presences(site), o.preferred, members) : null;
    const summary: ChatSummary = {
      chatId,
      channel,
      groupId,
      visitorId: link.visitorId,
      sessionId: link.sessionId,
      agentId: '',
      agentName: '',
      status: 'queued',
      origin: o.origin,
      invitationId: o.invitationId,
      ruleId: o.ruleId,
      startedAt: at,
      endedAt: 0,
      rating: 0,
      visitor: o.visitor,
      queuePosition: 0,
      robot: o.robot === undefined ? 'none' : 'serving',
    };
    // The page that starts the chat holds it at once: its token's hash is journaled with the step.
    const token = newChatToken();
    const tokenHash = hashChatToken(token);
    const chat: Chat = {
      siteId: link.siteId,
      summary,
      messages: [],
      byMessageId: new Map(),
      tail: Promise.resolve(),
      tokenHash,
    };
    const ids = {
      stepId: this.steps.newId(),
      groupId,
      siteId: link.siteId,
      visitorId: link.visitorId,
      chatId,
      agentId: agent?.userId ?? '',
      at,
      tokenHash: tokenHash.toString('hex'),
    };
    const { step, first } = chatRequestStep(o, ids, (e) => rooms.event(link, e, at));
    this.steps.commit(step);
    // Journaled: from here on the chat exists, and is shown.
    site.chats.set(chatId, chat);
    site.byVisitor.set(link.visitorId, chat);
    link.chatToken = token;
    if (first) {
      chat.messages.push(first);
      chat.byMessageId.set(first.messageId, first);
    }
    // Taken in the same instant as requested: one step, one timestamp.
    const taker = agent && site.agents.get(agent.userId);
    if (o.robot !== undefined) this.robotTakes(chat, o.robot, at);
    else if (taker) this.assign(site, chat, taker, at);
    else this.queueChanged(site);
    rooms.toServers(site, { type: 'chat.upsert', chat: summary });
    link.send({ type: 'chat.state', chat: rooms.visitorView(chat), token });
    rooms.showChat(site, chat);
    if (first) {
      rooms.toChat(site, chat, { type: 'chat.message', message: first });
      rooms.toServers(site, { type: 'chat.message', message: first });
    }
    return chat;
  }

  /** Takes a queued chat for `agent`; a chat that is no longer queued is left as it is. */
  assign(site: Site, chat: Chat, agent: Agent, at = this.rooms.now()): boolean {
    const rooms = this.rooms;
    if (chat.summary.status !== 'queued' || site.chats.get(chat.summary.chatId) !== chat) return false;
    chat.summary.status = 'open';
    chat.summary.agentId = agent.presence.userId;
    chat.summary.agentName = agent.presence.name;
    this.countChats(site);
    // A transferred chat started long ago: its taker is an assignment, not a second start.
    const step: Pick<ChatEventInput, 'type' | 'props'> = chat.transferred
      ? { type: 'chat_assigned' as const, props: { agent_name: agent.presence.name, group_id: chat.summary.groupId } }
      : { type: 'chat_started' as const, props: { agent_name: agent.presence.name, origin: chat.summary.origin } };
    rooms.recordFor(chat, step, at).catch((error: unknown) => console.error(`chat: ${step.type} not stored`, error));
    if (chat.transferred) this.onTaken?.(site, chat, agent);
    rooms.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    rooms.showChat(site, chat);
    this.queueChanged(site);
    rooms.toServers(site, { type: 'agent.list', agents: rooms.presences(site) });
    return true;
  }

  /** The robot serves the chat from its start: open, under the robot's agent id (the agents report's "Robot" row). */
  private robotTakes(chat: Chat, name: string, at: number): void {
    chat.summary.status = 'open';
    chat.summary.agentId = ROBOT_AGENT_ID;
    chat.summary.agentName = name;
    this.rooms
      .recordFor(
        chat,
        { type: 'chat_started', props: { agent_name: name, origin: chat.summary.origin, robot: '1' } },
        at,
      )
      .catch((error: unknown) => console.error('chat: chat_started not stored', error));
  }

  /** A person was asked for: the chat joins the queue with its transcript and goes to whoever is free. */
  handOver(site: Site, chat: Chat): void {
    chat.summary.status = 'queued';
    chat.summary.agentId = '';
    chat.summary.agentName = '';
    chat.summary.robot = 'handed_over';
    this.rooms.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    this.queueChanged(site);
    this.drainQueue(chat.siteId);
    this.rooms.showChat(site, chat);
  }

  /** Queued chats go, oldest first, to whoever has a free slot now. */
  drainQueue(siteId: string): void {
    const site = this.rooms.site(siteId);
    // A chat waits for its own group: one group's full house does not hold up another's queue.
    for (const chat of this.queued(site)) {
      const agent = pickAgent(this.rooms.presences(site), '', this.teams.members(siteId, chat.summary.groupId));
      const taker = agent && site.agents.get(agent.userId);
      if (taker) this.assign(site, chat, taker);
    }
  }

  /** Tells each queued visitor their place (in their group's queue) when it moved. */
  queueChanged(site: Site): void {
    const ahead = new Map<string, number>();
    for (const chat of this.queued(site)) {
      const group = this.queueOf(site, chat);
      const place = (ahead.get(group) ?? 0) + 1;
      ahead.set(group, place);
      if (chat.summary.queuePosition === place) continue;
      chat.summary.queuePosition = place;
      this.rooms.showChat(site, chat);
    }
  }

  /** The queue a chat waits in: its group's, or the pool's when it has none (or it was deleted). */
  private queueOf(site: Site, chat: Chat): string {
    const siteId = chat.siteId;
    return this.teams.members(siteId, chat.summary.groupId) ? chat.summary.groupId : '';
  }

  /** Recounts each agent's open chats; a chat no longer queued has no place in the queue. */
  countChats(site: Site): void {
    for (const agent of site.agents.values()) agent.presence.chats = 0;
    for (const chat of site.chats.values()) {
      if (chat.summary.status !== 'open') continue;
      const agent = site.agents.get(chat.summary.agentId);
      if (agent) agent.presence.chats++;
    }
    for (const chat of site.chats.values()) if (chat.summary.status !== 'queued') chat.summary.queuePosition = 0;
  }

  private queued(site: Site): Chat[] {
    return [...site.chats.values()]
      .filter((c) => c.summary.status === 'queued')
      .sort((a, b) => a.summary.startedAt - b.summary.startedAt);
  }
}
