import type { ClickHouseClient } from '@clickhouse/client';
import type { AgentPresence, ServerToAgent } from '../contract/channels.ts';
import { AgentPeople, type AgentTimings } from './agent-people.ts';
import { DEFAULT_MAX_CHATS, type AgentSettings } from './agent-settings.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { Agent, AgentLink, ChatRooms, Site } from './chat-rooms.ts';

/**
 * The agents' side of the rooms: their tabs coming and going, their presence shown to the
 * team, and visitors told when nobody (or somebody again) can chat.
 */
export class AgentDesk {
  readonly people: AgentPeople;

  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    ch: ClickHouseClient,
    private readonly timings: AgentTimings,
  ) {
    this.people = new AgentPeople({
      ch,
      now: rooms.now,
      timings,
      connected: (userId) => this.connected(userId),
      apply: (userId, settings) => this.apply(userId, settings),
    });
  }

  /** Stops the idle check and pending offline timers (at shutdown). */
  stop(): void {
    this.people.stop();
    for (const site of this.rooms.sites.values()) for (const agent of site.agents.values()) clearTimeout(agent.leaving);
  }

  /** The agent of a chat restored after a restart, offline until they connect. */
  ensure(site: Site, userId: string, name: string): Agent {
    let agent = site.agents.get(userId);
    if (!agent)
      site.agents.set(
        userId,
        (agent = {
          presence: {
            userId,
            name,
            status: 'offline',
            chats: 0,
            maxChats: DEFAULT_MAX_CHATS,
            takesChats: false,
            takesCalls: false,
            onCall: false,
          },
          links: new Set(),
        }),
      );
    return agent;
  }

  connect(link: AgentLink): () => void {
    const rooms = this.rooms;
    const site = rooms.site(link.siteId);
    const agent = this.ensure(site, link.userId, link.name);
    agent.presence.name = link.name;
    if (link.serves) {
      const settings = this.people.opened(link.userId, link.settings);
      clearTimeout(agent.leaving);
      agent.leaving = undefined;
      agent.links.add(link);
      this.show(agent, settings);
    }
    link.send(this.chatsSnapshot(site, agent.presence, link.serves));
    this.agentsChanged(link.siteId);
    if (link.serves) this.queue.drainQueue(link.siteId);
    return () => {
      if (!agent.links.delete(link) || agent.links.size > 0) return;
      agent.leaving = setTimeout(() => {
        agent.leaving = undefined;
        if (agent.links.size > 0) return;
        agent.presence.status = 'offline';
        if (!this.connected(link.userId)) this.people.forget(link.userId);
        this.agentsChanged(link.siteId);
      }, this.timings.agentOfflineGraceMs);
      agent.leaving.unref();
    };
  }

  /** Shows the team's presence; visitors hear only when what they may do changes. */
  agentsChanged(siteId: string): void {
    const site = this.rooms.site(siteId);
    this.rooms.toServers(site, { type: 'agent.list', agents: this.rooms.presences(site) });
    this.rooms.announce(siteId);
  }

  private chatsSnapshot(site: Site, me: AgentPresence, serves: boolean): ServerToAgent {
    const chats = serves ? [...site.chats.values()] : [];
    return {
      type: 'chat.snapshot',
      me,
      agents: this.rooms.presences(site),
      chats: chats.map((c) => c.summary),
      messages: chats.flatMap((c) => c.messages),
    };
  }

  /** The user has a tab open on some site, or one closed within the grace period. */
  private connected(userId: string): boolean {
    for (const site of this.rooms.sites.values()) {
      const agent = site.agents.get(userId);
      if (agent && (agent.links.size > 0 || agent.leaving)) return true;
    }
    return false;
  }

  /** A stored change of the user's settings, shown on every site and tab of theirs; routing sees it. */
  private apply(userId: string, settings: AgentSettings): void {
    for (const [siteId, site] of this.rooms.sites) {
      const agent = site.agents.get(userId);
      if (!agent || (agent.links.size === 0 && !agent.leaving)) continue;
      this.show(agent, settings);
      this.agentsChanged(siteId);
      this.queue.drainQueue(siteId);
    }
  }

  private show(agent: Agent, settings: AgentSettings): void {
    agent.presence.status = settings.status;
    agent.presence.maxChats = settings.maxChats;
    agent.presence.takesChats = settings.takesChats;
    agent.presence.takesCalls = settings.takesCalls;
  }
}
