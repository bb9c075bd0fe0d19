import type { EventRow } from '../../clickhouse/rows.ts';
import type { AgentPresence, ServerToAgent, ServerToVisitor, VisitorChat } from '../contract/channels.ts';
import { isOpen } from '../sites/business-hours.ts';
import { chatEvent, type ChatEventInput } from './chat-events.ts';
import type { Step } from './chat-request.ts';
import { tokenMatches } from './chat-tokens.ts';
import { anyoneOnline, freeForCalls } from './routing.ts';
import type { VisitorLink, ChatDeps, Chat, Site } from './chat-types.ts';
export type { AgentLink, VisitorLink, ChatDeps, RobotKnowledge, Chat, Agent, Invitation, Site } from './chat-types.ts';

/** Visitors told of an availability change per turn of the event loop. */
const ANNOUNCE_CHUNK = 500;

/**
 * The rooms every chat piece shares: per site, its chats, agents, visitors' pages and
 * pending invitations, and the one way each side is told of a change. No decisions here.
 */
export class ChatRooms {
  readonly sites = new Map<string, Site>();
  readonly now: () => number;

  constructor(private readonly deps: ChatDeps) {
    this.now = deps.now ?? Date.now;
  }

  site(siteId: string): Site {
    let site = this.sites.get(siteId);
    if (!site)
      this.sites.set(
        siteId,
        (site = {
          chats: new Map(),
          byVisitor: new Map(),
          agents: new Map(),
          visitors: new Map(),
          invitations: new Map(),
        }),
      );
    return site;
  }

  presences(site: Site): AgentPresence[] {
    return [...site.agents.values()].map((a) => a.presence);
  }

  /** A person can take a chat now: someone who takes chats is online, within the site's business hours. */
  agentsOnline(siteId: string): boolean {
    return anyoneOnline(this.presences(this.site(siteId))) && this.open(siteId);
  }

  queuedSince(siteId: string): number | null {
    const queued = [...this.site(siteId).chats.values()].filter((c) => c.summary.status === 'queued');
    return queued.length > 0 ? Math.min(...queued.map((c) => c.summary.startedAt)) : null;
  }

  open(siteId: string): boolean {
    const service = this.deps.service?.(siteId);
    return !service || isOpen(service.settings.hours, service.timeZone, this.now());
  }

  /** The robot takes a new chat now: its mode applies (and there is a knowledge search to answer from). */
  robotServes(siteId: string): boolean {
    const service = this.deps.service?.(siteId);
    if (!service || !this.deps.knowledge) return false;
    switch (service.settings.robot.mode) {
      case 'off':
        return false;
      case 'no_agent':
        return !this.agentsOnline(siteId);
      case 'outside_hours':
        return !this.open(siteId);
      case 'always':
        return true;
    }
  }

  /** The widget offers "Call us": the site takes calls, it is within hours and an agent who takes calls is free. */
  callsOpen(siteId: string): boolean {
    const service = this.deps.service?.(siteId);
    if (!service?.settings.calls.enabled || !this.open(siteId)) return false;
    return this.presences(this.site(siteId)).some(freeForCalls);
  }

  availability(siteId: string): { agentsOnline: boolean; robot: boolean; calls: boolean } {
    return { agentsOnline: this.agentsOnline(siteId), robot: this.robotServes(siteId), calls: this.callsOpen(siteId) };
  }

  /**
   * Tells the site's visitors when what they may do changed (agents came or went, hours began
   * or ended, settings). A chunk of pages per turn of the event loop: the first agent of the
   * morning on a site with 20,000 pages open was 20,000 writes (0.85 s) in one go, and every
   * invitation and message waited behind them. A newer change stops an older one's round,
   * since it tells everyone again.
   */
  announce(siteId: string): void {
    const site = this.site(siteId);
    const now = this.availability(siteId);
    const key = `${now.agentsOnline}|${now.robot}|${now.calls}`;
    if (site.announced === key) return;
    site.announced = key;
    const message: ServerToVisitor = { type: 'availability', ...now };
    const pages = [...site.visitors.values()];
    const round = (from: number) => {
      if (site.announced !== key) return;
      const to = Math.min(pages.length, from + ANNOUNCE_CHUNK);
      for (let i = from; i < to; i++) for (const link of pages[i] ?? []) link.send(message);
      if (to < pages.length) setImmediate(round, to);
    };
    round(0);
  }

  /** The visitor's current chat counts as theirs while it is not closed. */
  busy(site: Site, visitorId: string): boolean {
    const current = site.byVisitor.get(visitorId);
    return current !== undefined && current.summary.status !== 'closed';
  }

  toVisitor(site: Site, visitorId: string, message: ServerToVisitor): void {
    for (const link of site.visitors.get(visitorId) ?? []) link.send(message);
  }

  /** What is in a chat goes only to the visitor's pages that hold its token. */
  toChat(site: Site, chat: Chat, message: ServerToVisitor): void {
    for (const link of site.visitors.get(chat.summary.visitorId) ?? []) if (this.holds(link, chat)) link.send(message);
  }

  holds(link: VisitorLink, chat: Chat): boolean {
    return tokenMatches(chat.tokenHash, link.chatToken);
  }

  toServers(site: Site, message: ServerToAgent): void {
    for (const agent of site.agents.values()) for (const link of agent.links) link.send(message);
  }

  visitorView(chat: Chat): VisitorChat {
    const s = chat.summary;
    return {
      chatId: s.chatId,
      status: s.status,
      agentName: s.agentName,
      queuePosition: s.queuePosition,
      rated: s.rating > 0,
      robot: s.robot === 'serving',
    };
  }

  /** Tells the chat's pages what it looks like now. */
  showChat(site: Site, chat: Chat): void {
    this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
  }

  record(link: VisitorLink, step: Step): Promise<void> {
    return this.deps.writeEvents([this.event(link, step)]);
  }

  event(link: VisitorLink, step: Step, at = this.now()): EventRow {
    const input = { siteId: link.siteId, visitorId: link.visitorId, sessionId: link.sessionId, at, ...step };
    return chatEvent(input, this.deps.visit(link.siteId, link.visitorId));
  }

  /** The chat's visitor as a link that sends nothing: for rows written on the chat's behalf. */
  chatLink(chat: Chat): VisitorLink {
    const s = chat.summary;
    return {
      siteId: chat.siteId,
      visitorId: s.visitorId,
      sessionId: s.sessionId,
      chatToken: '',
      send: () => undefined,
    };
  }

  recordFor(
    chat: Chat,
    step: Omit<ChatEventInput, 'siteId' | 'visitorId' | 'sessionId' | 'at' | 'chatId'>,
    at = this.now(),
  ): Promise<void> {
    const s = chat.summary;
    // Every step of a chat names its agent (the one serving it then) and its invitation and rule.
    return this.deps.writeEvents([
      this.event(
        this.chatLink(chat),
        { chatId: s.chatId, invitationId: s.invitationId, ruleId: s.ruleId, agentId: s.agentId, ...step },
        at,
      ),
    ]);
  }
}
