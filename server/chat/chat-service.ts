import type { ClickHouseClient } from '@clickhouse/client';
import type { EventRow, IdentityRow } from '../../clickhouse/rows.ts';
import type { CreateLeadInput } from '../contract/lead-schema.ts';
import { planLead } from '../leads/lead-service.ts';
import type { InviteRule } from '../contract/rule-schema.ts';
import { newId } from '../sites/site-service.ts';
import type { AgentPresence, AgentToServer, ChatMessage, ChatSummary, LiveVisitor, ServerToAgent, ServerToVisitor, VisitorChat, VisitorToServer } from '../contract/channels.ts';
import { chatEvent, type ChatEventInput } from './chat-events.ts';
import { loadOpenChats, storeMessage } from './chat-store.ts';
import { hashChatToken, loadChatTokens, newChatToken, tokenMatches } from './chat-tokens.ts';
import { chatRequestStep, type NewChat, type Step } from './chat-request.ts';
import { ChatSteps } from './chat-steps.ts';
import { anyoneOnline, pickAgent } from './routing.ts';
import { DEFAULT_MAX_CHATS, type AgentSettings } from './agent-settings.ts';
import { AgentPeople, DEFAULT_AGENT_TIMINGS, type AgentTimings } from './agent-people.ts';

export type { AgentTimings } from './agent-people.ts';

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

interface Chat {
  siteId: string;
  summary: ChatSummary;
  messages: ChatMessage[];
  byMessageId: Map<string, ChatMessage>;
  /** Messages are stored and delivered one at a time per chat, so seq order is delivery order. */
  tail: Promise<void>;
  /** SHA-256 of the token the chat was started with; null for a chat restored without one (nobody resumes it). */
  tokenHash: Buffer | null;
}

interface Agent {
  presence: AgentPresence;
  links: Set<AgentLink>;
  /** Pending since the last tab closed: the agent goes offline when it fires. */
  leaving?: NodeJS.Timeout;
}

interface Invitation {
  invitationId: string;
  agentId: string;
  agentName: string;
  message: string;
  ruleId: string;
}

interface Site {
  chats: Map<string, Chat>;
  /** The visitor's current chat (open, queued, or closed and not yet rated). */
  byVisitor: Map<string, Chat>;
  agents: Map<string, Agent>;
  visitors: Map<string, Set<VisitorLink>>;
  invitations: Map<string, Invitation>;
}

/**
 * Invitations, chats and routing for every site, in the one server process. Every step is
 * stored before it is shown: messages in `chat_messages` (seq per chat), steps in `events`.
 * Clients resume by seq after a reconnect and key messages by messageId, so a reconnect,
 * a page change or a server restart loses and doubles nothing.
 */
export class ChatService {
  private readonly sites = new Map<string, Site>();
  private readonly people: AgentPeople;
  private readonly now: () => number;
  private readonly steps: ChatSteps;
  private readonly timings: AgentTimings;

  constructor(private readonly deps: ChatDeps) {
    this.now = deps.now ?? Date.now;
    this.steps = new ChatSteps({ ch: deps.ch, dir: deps.journalDir, writeEvents: (rows, identities) => deps.writeEvents(rows, identities) });
    this.timings = { ...DEFAULT_AGENT_TIMINGS, ...deps.timings };
    this.people = new AgentPeople({ ch: deps.ch, now: this.now, timings: this.timings, connected: (userId) => this.connected(userId), apply: (userId, settings) => this.apply(userId, settings) });
  }

  /** Stops the idle check and pending offline timers (at shutdown). */
  stop(): void {
    this.people.stop();
    for (const site of this.sites.values()) for (const agent of site.agents.values()) clearTimeout(agent.leaving);
  }

  /** Brings back the open and queued chats a previous process left (after a restart). */
  async restore(): Promise<void> {
    const replayed = await this.steps.replay();
    if (replayed > 0) console.log(`chat: stored ${replayed} chat requests and offline messages left by the last run`);
    const open = await loadOpenChats(this.deps.ch);
    const hashes = await loadChatTokens(this.deps.ch, open.map((o) => o.chat.chatId));
    for (const { siteId, chat, messages } of open) {
      const site = this.site(siteId);
      for (const m of messages) if (m.sender === 'agent') m.agentName = chat.agentName;
      const record: Chat = { siteId, summary: chat, messages, byMessageId: new Map(messages.map((m) => [m.messageId, m])), tail: Promise.resolve(), tokenHash: hashes.get(chat.chatId) ?? null };
      site.chats.set(chat.chatId, record);
      site.byVisitor.set(chat.visitorId, record);
      if (chat.agentId && !site.agents.has(chat.agentId)) {
        site.agents.set(chat.agentId, { presence: { userId: chat.agentId, name: chat.agentName, status: 'offline', chats: 0, maxChats: DEFAULT_MAX_CHATS, takesChats: false }, links: new Set() });
      }
    }
    for (const site of this.sites.values()) this.countChats(site);
  }

  /** Waits for journaled chat steps to be stored (at shutdown, and in tests before reading). */
  drain(): Promise<void> {
    return this.steps.drain();
  }

  /** An admin set whether a user takes chats (stored already): their tabs and routing follow. */
  takesChatsSet(userId: string, takesChats: boolean): void {
    this.people.takesChatsSet(userId, takesChats);
  }

  agentConnected(link: AgentLink): () => void {
    const site = this.site(link.siteId);
    const wasOnline = anyoneOnline(this.presences(site));
    let agent = site.agents.get(link.userId);
    if (!agent) site.agents.set(link.userId, (agent = { presence: { userId: link.userId, name: link.name, status: 'offline', chats: 0, maxChats: DEFAULT_MAX_CHATS, takesChats: false }, links: new Set() }));
    agent.presence.name = link.name;
    if (link.serves) {
      const settings = this.people.opened(link.userId, link.settings);
      clearTimeout(agent.leaving);
      agent.leaving = undefined;
      agent.links.add(link);
      this.show(agent, settings);
    }
    link.send(this.chatsSnapshot(site, agent.presence, link.serves));
    this.agentsChanged(link.siteId, wasOnline);
    if (link.serves) this.drainQueue(link.siteId);
    return () => {
      if (!agent.links.delete(link) || agent.links.size > 0) return;
      agent.leaving = setTimeout(() => {
        agent.leaving = undefined;
        if (agent.links.size > 0) return;
        const before = anyoneOnline(this.presences(site));
        agent.presence.status = 'offline';
        if (!this.connected(link.userId)) this.people.forget(link.userId);
        this.agentsChanged(link.siteId, before);
      }, this.timings.agentOfflineGraceMs);
      agent.leaving.unref();
    };
  }

  visitorConnected(link: VisitorLink): () => void {
    const site = this.site(link.siteId);
    let set = site.visitors.get(link.visitorId);
    if (!set) site.visitors.set(link.visitorId, (set = new Set()));
    set.add(link);
    const invitation = site.invitations.get(link.visitorId);
    if (invitation) link.send({ type: 'invite', invitationId: invitation.invitationId, agentName: invitation.agentName, message: invitation.message });
    return () => {
      set.delete(link);
      if (set.size === 0) site.visitors.delete(link.visitorId);
    };
  }

  /** Visitors of the site with a page open now. */
  connectedVisitors(siteId: string): string[] {
    return [...this.site(siteId).visitors.keys()];
  }

  /**
   * An automatic invitation: only to a visitor with an open page, no chat and no pending
   * invitation, and only while the rule's agent (or anyone of the pool) can take the chat.
   */
  async inviteFromRule(siteId: string, visitorId: string, rule: InviteRule): Promise<boolean> {
    const site = this.site(siteId);
    const [link] = site.visitors.get(visitorId) ?? [];
    const current = site.byVisitor.get(visitorId);
    if (!link || site.invitations.has(visitorId) || (current && current.summary.status !== 'closed')) return false;
    const agents = this.presences(site);
    const agent = rule.definition.agentId ? pickAgent(agents.filter((a) => a.userId === rule.definition.agentId)) : pickAgent(agents);
    if (!agent) return false;
    await this.invite(site, link, { invitationId: `inv_${newId(16)}`, agentId: agent.userId, agentName: agent.name, message: rule.definition.message, ruleId: rule.ruleId });
    return true;
  }

  agentsOnline(siteId: string): boolean {
    return anyoneOnline(this.presences(this.site(siteId)));
  }

  /**
   * A page reads and writes the visitor's chat only with its token. Without it, it is shown
   * no chat, and while the visitor's chat is open it may start nothing new (`chat_locked`):
   * the one chat per visitor stays with whoever started it.
   */
  async fromVisitor(link: VisitorLink, message: Exclude<VisitorToServer, { type: 'hello' | 'ping' }>): Promise<void> {
    const site = this.site(link.siteId);
    if (message.type === 'chat.sync' && message.chatToken) link.chatToken = message.chatToken;
    const current = site.byVisitor.get(link.visitorId);
    const chat = current && this.holds(link, current) ? current : undefined;
    const locked = !chat && current !== undefined && current.summary.status !== 'closed';
    switch (message.type) {
      case 'chat.sync':
        link.send({ type: 'chat.state', chat: chat ? this.visitorView(chat) : null });
        for (const m of chat?.messages ?? []) if (m.seq > message.afterSeq) link.send({ type: 'chat.message', message: m });
        return;
      case 'chat.request': {
        if (locked) return link.send({ type: 'chat.error', reason: 'chat_locked' });
        if (chat && chat.summary.status !== 'closed') return link.send({ type: 'chat.state', chat: this.visitorView(chat) });
        if (!this.agentsOnline(link.siteId)) return link.send({ type: 'chat.error', reason: 'offline' });
        const visitor = { name: message.name ?? '', email: message.email ?? '', phone: message.phone ?? '', question: message.question ?? '' };
        this.startChat(link, {
          origin: 'visitor', invitationId: '', ruleId: '', preferred: '', visitor,
          first: visitor.question ? { messageId: 'q_', sender: 'visitor', agentName: '', body: visitor.question } : undefined,
          lead: Boolean(visitor.email || visitor.phone),
        });
        return;
      }
      case 'invite.accept':
      case 'invite.dismiss': {
        const invitation = site.invitations.get(link.visitorId);
        if (!invitation || invitation.invitationId !== message.invitationId) return;
        site.invitations.delete(link.visitorId);
        this.toVisitor(site, link.visitorId, { type: 'invite.withdrawn', invitationId: invitation.invitationId });
        const step = { invitationId: invitation.invitationId, agentId: invitation.agentId, ruleId: invitation.ruleId };
        if (message.type === 'invite.dismiss') return this.record(link, { type: 'invite_dismissed', ...step });
        if (locked) {
          await this.record(link, { type: 'invite_accepted', ...step });
          return link.send({ type: 'chat.error', reason: 'chat_locked' });
        }
        if (chat && chat.summary.status !== 'closed') {
          await this.record(link, { type: 'invite_accepted', ...step });
          return link.send({ type: 'chat.state', chat: this.visitorView(chat) });
        }
        this.startChat(link, {
          origin: 'invitation', invitationId: invitation.invitationId, ruleId: invitation.ruleId, preferred: invitation.agentId,
          visitor: { name: '', email: '', phone: '', question: '' },
          accepted: { type: 'invite_accepted', ...step },
          first: invitation.message ? { messageId: 'i_', sender: 'agent', agentName: invitation.agentName, body: invitation.message, agentId: invitation.agentId } : undefined,
          lead: false,
        });
        return;
      }
      case 'chat.send': {
        if (!chat || chat.summary.status === 'closed') return link.send({ type: 'chat.error', reason: 'no_chat' });
        await this.post(chat, { messageId: message.messageId, sender: 'visitor', agentName: '', body: message.body });
        return;
      }
      case 'chat.typing':
        if (chat && chat.summary.status !== 'closed') this.toServers(site, { type: 'chat.typing', chatId: chat.summary.chatId, text: message.text });
        return;
      case 'chat.end':
        if (chat && chat.summary.status !== 'closed') await this.close(chat, 'visitor');
        return;
      case 'chat.rate': {
        if (!chat || chat.summary.rating > 0) return;
        chat.summary.rating = message.rating;
        await this.recordFor(chat, { type: 'chat_rated', props: { rating: String(message.rating) } });
        this.toServers(site, { type: 'chat.upsert', chat: chat.summary });
        this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
        return;
      }
      case 'offline.message':
      case 'callback.request': {
        // Answered once journaled with its lead: the lead is stored in the background.
        const isCallback = message.type === 'callback.request';
        const lead: CreateLeadInput = {
          siteId: link.siteId,
          visitorId: link.visitorId,
          source: isCallback ? 'callback' : 'offline',
          name: message.name ?? '',
          email: isCallback ? '' : (message.email ?? ''),
          phone: message.phone ?? '',
          message: isCallback ? '' : message.message,
          callbackAt: isCallback ? message.at : '',
          chatId: '',
          ownerId: '',
        };
        const event = this.event(link, { type: isCallback ? 'callback_request' : 'offline_message', props: isCallback ? { at: message.at } : {} });
        this.steps.commit({ id: this.steps.newId(), siteId: link.siteId, visitorId: link.visitorId, events: [event], lead: planLead(lead) });
        link.send({ type: 'offline.ok', kind: isCallback ? 'callback' : 'message' });
        return;
      }
    }
  }

  async fromAgent(link: AgentLink, message: Exclude<AgentToServer, { type: 'ping' }>): Promise<void> {
    const site = this.site(link.siteId);
    const agent = site.agents.get(link.userId);
    // Every dashboard tab reports activity; only those who may chat have a presence to keep.
    if (message.type === 'agent.active' && !link.serves) return;
    if (!link.serves || !agent) return link.send({ type: 'chat.error', reason: 'not allowed to chat' });
    switch (message.type) {
      case 'agent.status':
        return this.people.choose(link.userId, link.settings, message);
      case 'agent.active':
        return this.people.active(link.userId, link.settings);
      case 'invite': {
        const refuse = (reason: string) => link.send({ type: 'invite.result', visitorId: message.visitorId, invitationId: '', ok: false, reason });
        const links = site.visitors.get(message.visitorId);
        if (!links?.size) return refuse('visitor left');
        const current = site.byVisitor.get(message.visitorId);
        if (current && current.summary.status !== 'closed') return refuse('already chatting');
        const invitation: Invitation = { invitationId: `inv_${newId(16)}`, agentId: link.userId, agentName: agent.presence.name, message: message.message, ruleId: '' };
        const [first] = links;
        await this.invite(site, first!, invitation);
        link.send({ type: 'invite.result', visitorId: message.visitorId, invitationId: invitation.invitationId, ok: true, reason: '' });
        return;
      }
      case 'chat.send': {
        const chat = site.chats.get(message.chatId);
        if (!chat || chat.summary.status === 'closed') return link.send({ type: 'chat.error', reason: 'chat is closed' });
        if (chat.summary.status === 'queued') this.assign(site, chat, agent);
        await this.post(chat, { messageId: message.messageId, sender: 'agent', agentName: agent.presence.name, body: message.body, agentId: link.userId });
        return;
      }
      case 'chat.typing': {
        const chat = site.chats.get(message.chatId);
        if (chat && chat.summary.status !== 'closed') this.toChat(site, chat, { type: 'chat.typing', typing: message.typing });
        return;
      }
      case 'chat.close': {
        const chat = site.chats.get(message.chatId);
        if (chat && chat.summary.status !== 'closed') await this.close(chat, 'agent');
        return;
      }
    }
  }

  /** An invitation, shown to every open page of the visitor; a newer one replaces it. */
  private async invite(site: Site, link: VisitorLink, invitation: Invitation): Promise<void> {
    const previous = site.invitations.get(link.visitorId);
    site.invitations.set(link.visitorId, invitation);
    if (previous) this.toVisitor(site, link.visitorId, { type: 'invite.withdrawn', invitationId: previous.invitationId });
    this.toVisitor(site, link.visitorId, { type: 'invite', invitationId: invitation.invitationId, agentName: invitation.agentName, message: invitation.message });
    await this.record(link, { type: 'invite_shown', invitationId: invitation.invitationId, agentId: invitation.agentId, ruleId: invitation.ruleId });
  }

  /**
   * A new chat, in one turn of the event loop: the request, its first message and its lead
   * are journaled as one step, then the chat is routed and shown. No await between routing
   * and assignment, so nothing else (a chat closing, an agent connecting) can assign it too.
   */
  private startChat(link: VisitorLink, o: NewChat): Chat {
    const site = this.site(link.siteId);
    const chatId = `chat_${newId(16)}`;
    const at = this.now();
    const agent = pickAgent(this.presences(site), o.preferred);
    const summary: ChatSummary = {
      chatId, visitorId: link.visitorId, sessionId: link.sessionId, agentId: '', agentName: '', status: 'queued', origin: o.origin,
      invitationId: o.invitationId, ruleId: o.ruleId, startedAt: at, endedAt: 0, rating: 0, visitor: o.visitor, queuePosition: 0,
    };
    // The page that starts the chat holds it at once: its token's hash is journaled with the step.
    const token = newChatToken();
    const chat: Chat = { siteId: link.siteId, summary, messages: [], byMessageId: new Map(), tail: Promise.resolve(), tokenHash: hashChatToken(token) };
    const ids = { stepId: this.steps.newId(), siteId: link.siteId, visitorId: link.visitorId, chatId, agentId: agent?.userId ?? '', at, tokenHash: chat.tokenHash!.toString('hex') };
    const { step, first } = chatRequestStep(o, ids, (e) => this.event(link, e, at));
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
    if (agent) this.assign(site, chat, site.agents.get(agent.userId)!, at);
    else this.queueChanged(site);
    this.toServers(site, { type: 'chat.upsert', chat: summary });
    link.send({ type: 'chat.state', chat: this.visitorView(chat), token });
    this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
    if (first) {
      this.toChat(site, chat, { type: 'chat.message', message: first });
      this.toServers(site, { type: 'chat.message', message: first });
    }
    return chat;
  }

  /** Takes a queued chat for `agent`; a chat that is no longer queued is left as it is. */
  private assign(site: Site, chat: Chat, agent: Agent, at = this.now()): boolean {
    if (chat.summary.status !== 'queued' || site.chats.get(chat.summary.chatId) !== chat) return false;
    chat.summary.status = 'open';
    chat.summary.agentId = agent.presence.userId;
    chat.summary.agentName = agent.presence.name;
    this.countChats(site);
    this.recordFor(chat, { type: 'chat_started', props: { agent_name: agent.presence.name, origin: chat.summary.origin } }, at).catch((error: unknown) => console.error('chat: chat_started not stored', error));
    this.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
    this.queueChanged(site);
    this.toServers(site, { type: 'agents', agents: this.presences(site) });
    return true;
  }

  /** Queued chats go, oldest first, to whoever has a free slot now. */
  private drainQueue(siteId: string): void {
    const site = this.site(siteId);
    for (const chat of this.queued(site)) {
      const agent = pickAgent(this.presences(site));
      if (!agent) return;
      this.assign(site, chat, site.agents.get(agent.userId)!);
    }
  }

  private async close(chat: Chat, by: 'agent' | 'visitor'): Promise<void> {
    const site = this.site(chat.siteId);
    chat.summary.status = 'closed';
    chat.summary.endedAt = this.now();
    site.chats.delete(chat.summary.chatId);
    this.countChats(site);
    await this.recordFor(chat, { type: 'chat_ended', props: { closed_by: by } });
    this.toServers(site, { type: 'chat.upsert', chat: chat.summary });
    this.toServers(site, { type: 'agents', agents: this.presences(site) });
    this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
    this.queueChanged(site);
    this.drainQueue(chat.siteId);
  }

  /** Stores a message (once per messageId), then shows it to both sides. */
  private post(chat: Chat, m: Omit<ChatMessage, 'chatId' | 'seq' | 'at'> & { agentId?: string }): Promise<void> {
    const run = async () => {
      const site = this.site(chat.siteId);
      const known = chat.byMessageId.get(m.messageId);
      if (known) {
        // A re-send after a reconnect: already stored; show it again so the sender can confirm it.
        this.toChat(site, chat, { type: 'chat.message', message: known });
        this.toServers(site, { type: 'chat.message', message: known });
        return;
      }
      const message: ChatMessage = { chatId: chat.summary.chatId, seq: chat.messages.length + 1, messageId: m.messageId, sender: m.sender, agentName: m.agentName, body: m.body, at: this.now() };
      await storeMessage(this.deps.ch, {
        site_id: chat.siteId,
        chat_id: message.chatId,
        message_id: message.messageId,
        seq: message.seq,
        ts: message.at,
        sender: message.sender,
        agent_id: m.agentId ?? '',
        visitor_id: chat.summary.visitorId,
        body: message.body,
      });
      chat.messages.push(message);
      chat.byMessageId.set(message.messageId, message);
      this.toChat(site, chat, { type: 'chat.message', message });
      this.toServers(site, { type: 'chat.message', message });
      await this.recordFor(chat, { type: 'chat_message', props: { sender: m.sender } });
    };
    const next = chat.tail.then(run);
    chat.tail = next.catch(() => undefined);
    return next;
  }

  private record(link: VisitorLink, step: Step): Promise<void> {
    return this.deps.writeEvents([this.event(link, step)]);
  }

  private event(link: VisitorLink, step: Step, at = this.now()): EventRow {
    const input = { siteId: link.siteId, visitorId: link.visitorId, sessionId: link.sessionId, at, ...step };
    return chatEvent(input, this.deps.visit(link.siteId, link.visitorId));
  }

  private recordFor(chat: Chat, step: Omit<ChatEventInput, 'siteId' | 'visitorId' | 'sessionId' | 'at' | 'chatId'>, at = this.now()): Promise<void> {
    const s = chat.summary;
    // Every step of a chat names its agent (the one serving it then) and its invitation and rule.
    const link = { siteId: chat.siteId, visitorId: s.visitorId, sessionId: s.sessionId, chatToken: '', send: () => undefined };
    return this.deps.writeEvents([this.event(link, { chatId: s.chatId, invitationId: s.invitationId, ruleId: s.ruleId, agentId: s.agentId, ...step }, at)]);
  }

  private queued(site: Site): Chat[] {
    return [...site.chats.values()].filter((c) => c.summary.status === 'queued').sort((a, b) => a.summary.startedAt - b.summary.startedAt);
  }

  private queueChanged(site: Site): void {
    this.queued(site).forEach((chat, i) => {
      if (chat.summary.queuePosition === i + 1) return;
      chat.summary.queuePosition = i + 1;
      this.toChat(site, chat, { type: 'chat.state', chat: this.visitorView(chat) });
    });
  }

  private countChats(site: Site): void {
    for (const agent of site.agents.values()) agent.presence.chats = 0;
    for (const chat of site.chats.values()) {
      if (chat.summary.status !== 'open') continue;
      const agent = site.agents.get(chat.summary.agentId);
      if (agent) agent.presence.chats++;
    }
    for (const chat of site.chats.values()) if (chat.summary.status !== 'queued') chat.summary.queuePosition = 0;
  }

  private agentsChanged(siteId: string, wasOnline: boolean): void {
    const site = this.site(siteId);
    this.toServers(site, { type: 'agents', agents: this.presences(site) });
    const online = anyoneOnline(this.presences(site));
    if (online === wasOnline) return;
    for (const links of site.visitors.values()) for (const link of links) link.send({ type: 'availability', agentsOnline: online });
  }

  private chatsSnapshot(site: Site, me: AgentPresence, serves: boolean): ServerToAgent {
    const chats = serves ? [...site.chats.values()] : [];
    return { type: 'chats', me, agents: this.presences(site), chats: chats.map((c) => c.summary), messages: chats.flatMap((c) => c.messages) };
  }

  private visitorView(chat: Chat): VisitorChat {
    const s = chat.summary;
    return { chatId: s.chatId, status: s.status, agentName: s.agentName, queuePosition: s.queuePosition, rated: s.rating > 0 };
  }

  /** The user has a tab open on some site, or one closed within the grace period. */
  private connected(userId: string): boolean {
    for (const site of this.sites.values()) {
      const agent = site.agents.get(userId);
      if (agent && (agent.links.size > 0 || agent.leaving)) return true;
    }
    return false;
  }

  /** A stored change of the user's settings, shown on every site and tab of theirs; routing sees it. */
  private apply(userId: string, settings: AgentSettings): void {
    for (const [siteId, site] of this.sites) {
      const agent = site.agents.get(userId);
      if (!agent || (agent.links.size === 0 && !agent.leaving)) continue;
      const before = anyoneOnline(this.presences(site));
      this.show(agent, settings);
      this.agentsChanged(siteId, before);
      this.drainQueue(siteId);
    }
  }

  private show(agent: Agent, settings: AgentSettings): void {
    agent.presence.status = settings.status;
    agent.presence.maxChats = settings.maxChats;
    agent.presence.takesChats = settings.takesChats;
  }

  private presences(site: Site): AgentPresence[] {
    return [...site.agents.values()].map((a) => a.presence);
  }

  private toVisitor(site: Site, visitorId: string, message: ServerToVisitor): void {
    for (const link of site.visitors.get(visitorId) ?? []) link.send(message);
  }

  /** What is in a chat goes only to the visitor's pages that hold its token. */
  private toChat(site: Site, chat: Chat, message: ServerToVisitor): void {
    for (const link of site.visitors.get(chat.summary.visitorId) ?? []) if (this.holds(link, chat)) link.send(message);
  }

  private holds(link: VisitorLink, chat: Chat): boolean {
    return tokenMatches(chat.tokenHash, link.chatToken);
  }

  private toServers(site: Site, message: ServerToAgent): void {
    for (const agent of site.agents.values()) for (const link of agent.links) link.send(message);
  }

  private site(siteId: string): Site {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = { chats: new Map(), byVisitor: new Map(), agents: new Map(), visitors: new Map(), invitations: new Map() }));
    return site;
  }
}
