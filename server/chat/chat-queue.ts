import { newId } from '../sites/site-service.ts';
import type { ChatSummary } from '../contract/channels.ts';
import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import { hashChatToken, newChatToken } from './chat-tokens.ts';
import { chatRequestStep, type NewChat } from './chat-request.ts';
import type { ChatSteps } from './chat-steps.ts';
import type { Agent, Chat, ChatRooms, Site, VisitorLink } from './chat-rooms.ts';
import { pickAgent } from './routing.ts';

/**
 * Where a chat goes: a new chat is routed at once or queued, and queued chats go, oldest
 * first, to whoever has a free slot. Only a chat still queued can be assigned, so each chat
 * starts once, with one agent.
 */
export class ChatQueue {
  constructor(
    private readonly rooms: ChatRooms,
    private readonly steps: ChatSteps,
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
    const agent = o.robot === undefined ? pickAgent(rooms.presences(site), o.preferred) : null;
    const summary: ChatSummary = {
      chatId,
      channel: o.channel ?? 'web',
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
    rooms
      .recordFor(
        chat,
        { type: 'chat_started', props: { agent_name: agent.presence.name, origin: chat.summary.origin } },
        at,
      )
      .catch((error: unknown) => console.error('chat: chat_started not stored', error));
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
    for (const chat of this.queued(site)) {
      const agent = pickAgent(this.rooms.presences(site));
      const taker = agent && site.agents.get(agent.userId);
      if (!taker) return;
      this.assign(site, chat, taker);
    }
  }

  /** Tells each queued visitor their place when it moved. */
  queueChanged(site: Site): void {
    this.queued(site).forEach((chat, i) => {
      if (chat.summary.queuePosition === i + 1) return;
      chat.summary.queuePosition = i + 1;
      this.rooms.showChat(site, chat);
    });
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
