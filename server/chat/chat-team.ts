import type { AgentRefusal, AgentToServer } from '../contract/channels.ts';
import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import { TEAM_LINES } from '../contract/team-lines.ts';
import { newId } from '../sites/site-service.ts';
import type { ChatConversation } from './chat-conversation.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { Agent, AgentLink, Chat, ChatRooms, Site } from './chat-rooms.ts';
import { pickAgent } from './routing.ts';

type Transfer = Extract<AgentToServer, { type: 'chat.transfer' }>;
type Whisper = Extract<AgentToServer, { type: 'chat.whisper' }>;
type TeamMessage = Extract<AgentToServer, { type: 'chat.transfer' | 'chat.join' | 'chat.whisper' }>;

const TEAM_TYPES = new Set(['chat.transfer', 'chat.join', 'chat.whisper']);
export function isTeamMessage<M extends { type: string }>(m: M): m is M & TeamMessage {
  return TEAM_TYPES.has(m.type);
}

/**
 * The team around a chat: handing it to another person or group (with a note only staff
 * see), and a manager joining it or whispering to its agent. Staff messages go to agents'
 * sockets only; ChatConversation.post keeps them from the visitor's.
 */
export class ChatTeam {
  /** Who joined which chat already: the visitor is told once per person. */
  private readonly joined = new WeakMap<Chat, Set<string>>();

  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    private readonly conversation: ChatConversation,
  ) {
    // A transferred chat that waited for its group is taken: the visitor hears who took it.
    queue.onTaken = (_site, chat, agent) => void this.announce(chat, agent.presence.name);
  }

  fromAgent(link: AgentLink, message: TeamMessage): Promise<void> {
    if (message.type === 'chat.transfer') return this.transfer(link, message);
    if (message.type === 'chat.join') return this.join(link, message.chatId);
    return this.whisper(link, message);
  }

  async transfer(link: AgentLink, message: Transfer): Promise<void> {
    const rooms = this.rooms;
    const site = rooms.site(link.siteId);
    const refuse = (reason: AgentRefusal) => link.send({ type: 'chat.error', reason });
    const chat = this.openChat(site, message.chatId);
    if (!chat) return refuse('chat_closed');
    // Only the chat's own agent hands it on, or a supervisor (for a queued one too).
    if (chat.summary.agentId !== link.userId && !link.supervises) return refuse('not_allowed');
    let target: Agent | undefined;
    let groupId = chat.summary.groupId;
    if (message.to.kind === 'agent') {
      target = site.agents.get(message.to.userId);
      if (!target) return refuse('unknown_target');
      if (target.presence.userId === chat.summary.agentId) return refuse('not_allowed');
      const p = target.presence;
      if (p.status !== 'online' || !p.takesChats || target.links.size === 0) return refuse('target_unavailable');
    } else {
      const members = this.queue.teams.members(link.siteId, message.to.groupId);
      if (!members) return refuse('unknown_target');
      groupId = message.to.groupId;
      const picked = pickAgent(rooms.presences(site), '', members, chat.summary.agentId);
      target = picked ? site.agents.get(picked.userId) : undefined;
    }
    const from = { id: chat.summary.agentId, name: chat.summary.agentName };
    chat.transferred = true;
    chat.summary.groupId = groupId;
    // A person takes over from the robot: it stops answering, and reports count a handover.
    const fromRobot = chat.summary.robot === 'serving';
    if (fromRobot) chat.summary.robot = 'handed_over';
    chat.summary.status = target ? 'open' : 'queued';
    chat.summary.agentId = target?.presence.userId ?? '';
    chat.summary.agentName = target?.presence.name ?? '';
    this.queue.countChats(site);
    if (fromRobot)
      await rooms.recordFor(chat, {
        type: 'chat_handover',
        agentId: ROBOT_AGENT_ID,
        props: { outcome: 'queued', by: 'transfer' },
      });
    await rooms.recordFor(chat, {
      type: 'chat_transferred',
      props: {
        to: message.to.kind,
        group_id: groupId,
        agent_name: chat.summary.agentName,
        from_agent_id: from.id,
        from_agent_name: from.name,
        by: link.userId,
      },
    });
    rooms.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    if (message.note)
      await this.conversation.post(chat, {
        messageId: `note_${newId(16)}`,
        sender: 'staff',
        staff: 'note',
        agentName: link.name,
        agentId: link.userId,
        body: message.note,
      });
    if (target) await this.announce(chat, target.presence.name);
    rooms.showChat(site, chat);
    this.queue.queueChanged(site);
    rooms.toServers(site, { type: 'agent.list', agents: rooms.presences(site) });
  }

  /** A supervisor joins: the visitor sees them join, and they write in the chat like its agent. */
  async join(link: AgentLink, chatId: string): Promise<void> {
    if (!link.supervises) return link.send({ type: 'chat.error', reason: 'not_allowed' });
    const chat = this.openChat(this.rooms.site(link.siteId), chatId);
    if (!chat) return link.send({ type: 'chat.error', reason: 'chat_closed' });
    const seen = this.joined.get(chat) ?? new Set<string>();
    this.joined.set(chat, seen);
    if (seen.has(link.userId)) return;
    seen.add(link.userId);
    await this.rooms.recordFor(chat, { type: 'chat_joined', agentId: link.userId, props: { agent_name: link.name } });
    await this.conversation.post(chat, {
      messageId: `join_${newId(16)}`,
      sender: 'system',
      agentName: link.name,
      agentId: link.userId,
      body: `${TEAM_LINES.joined}${link.name}`,
    });
  }

  /** Stored and shown to the site's staff; never to the visitor's pages nor sent by a channel. */
  async whisper(link: AgentLink, message: Whisper): Promise<void> {
    if (!link.supervises) return link.send({ type: 'chat.error', reason: 'not_allowed' });
    const chat = this.openChat(this.rooms.site(link.siteId), message.chatId);
    if (!chat) return link.send({ type: 'chat.error', reason: 'chat_closed' });
    await this.conversation.post(chat, {
      messageId: message.messageId,
      sender: 'staff',
      staff: 'whisper',
      agentName: link.name,
      agentId: link.userId,
      body: message.body,
    });
  }

  private openChat(site: Site, chatId: string): Chat | undefined {
    const chat = site.chats.get(chatId);
    return chat && chat.summary.status !== 'closed' ? chat : undefined;
  }

  /** "You are now talking to <name>": a line of the transcript, translated by the widget and the console. */
  private announce(chat: Chat, name: string): Promise<void> {
    return this.conversation.post(chat, {
      messageId: `xfer_${newId(16)}`,
      sender: 'system',
      agentName: name,
      agentId: chat.summary.agentId,
      body: `${TEAM_LINES.transferred}${name}`,
    });
  }
}
