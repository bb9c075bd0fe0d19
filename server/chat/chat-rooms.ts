import type { ClickHouseClient } from '@clickhouse/client';
import type { EventRow, IdentityRow } from '../../clickhouse/rows.ts';
import type {
  AgentPresence,
  ChatMessage,
  ChatSummary,
  LiveVisitor,
  ServerToAgent,
  ServerToVisitor,
  VisitorChat,
} from '../contract/channels.ts';
import type { AgentSettings } from './agent-settings.ts';
import type { AgentTimings } from './agent-people.ts';
import { chatEvent, type ChatEventInput } from './chat-events.ts';
import type { Step } from './chat-request.ts';
import { tokenMatches } from './chat-tokens.ts';
import { anyoneOnline } from './routing.ts';

export interface AgentLink {
  userId: string;
  name: string;
  siteId: string;
  /** May take chats (chat:serve); others only watch the Live screen. */
  serves: boolean;
  /** The user's stored presence (or their role's defaults), read as the socket opened. */
  settings: AgentSettings;
  send(message: ServerToAgent): void;
}

export interface VisitorLink {
  siteId: string;
  visitorId: string;
  sessionId: string;
  /** The chat token this page showed (hello, chat.sync) or was given; '' for none. */
  chatToken: string;
  send(message: ServerToVisitor): void;
}

export interface ChatDeps {
  ch: ClickHouseClient;
  /** Writes chat steps to `events` (and a lead's contact to `identities`) through ingest's journal; resolves once they survive kill -9. */
  writeEvents(rows: EventRow[], identities?: IdentityRow[]): Promise<void>;
  /** The visitor as the Live screen knows them, for attributing chat steps. */
  visit(siteId: string, visitorId: string): LiveVisitor | null;
  /** Where chat requests and offline messages wait, with their leads, until they are stored. */
  journalDir: string;
  now?: () => number;
  timings?: Partial<AgentTimings>;
}

export interface Chat {
  siteId: string;
  summary: ChatSummary;
  messages: ChatMessage[];
  byMessageId: Map<string, ChatMessage>;
  /** Messages are stored and delivered one at a time per chat, so seq order is delivery order. */
  tail: Promise<void>;
  /** SHA-256 of the token the chat was started with; null for a chat restored without one (nobody resumes it). */
  tokenHash: Buffer | null;
}

export interface Agent {
  presence: AgentPresence;
  links: Set<AgentLink>;
  /** Pending since the last tab closed: the agent goes offline when it fires. */
  leaving?: NodeJS.Timeout;
}

export interface Invitation {
  invitationId: string;
  agentId: string;
  agentName: string;
  message: string;
  ruleId: string;
}

export interface Site {
  chats: Map<string, Chat>;
  /** The visitor's current chat (open, queued, or closed and not yet rated). */
  byVisitor: Map<string, Chat>;
  agents: Map<string, Agent>;
  visitors: Map<string, Set<VisitorLink>>;
  invitations: Map<string, Invitation>;
}

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

  agentsOnline(siteId: string): boolean {
    return anyoneOnline(this.presences(this.site(siteId)));
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
