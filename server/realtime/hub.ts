import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { WebSocketServer, type WebSocket } from 'ws';
import { chatRights, type SessionUser } from '../contract/roles.ts';
import { hashToken } from '../auth/session-store.ts';
import type { SiteCache } from '../sites/site-cache.ts';
import { realtimeBus, type BusChannels, type RealtimeBus } from '../bus/bus.ts';
import {
  agentToServer,
  CLOSE,
  SOCKET_LIMITS,
  SOCKET_PATHS,
  visitorToServer,
  type Channels,
} from '../contract/channels.ts';
import { userDisplayName } from '../queries/user-names.ts';
import type { ChatService, VisitorLink } from '../chat/chat-service.ts';
import type { Presence, PresenceConnection } from './presence.ts';
import { DEFAULT_REALTIME_LIMITS, VisitorLimiter, visitorKey, type RealtimeLimits } from './limits.ts';
import { pushLiveChange } from './live-push.ts';
import { authorizeAgent, refuseHello, stillAdmitted, type AgentAdmitted } from './admission.ts';
import { closed, closeWith, parseMessage, rateLimit, refuseUpgrade } from './sockets.ts';
import type { AgentWatcher } from './agent-watcher.ts';
import { VisitorPings } from './visitor-pings.ts';

export interface HubSettings extends RealtimeLimits {
  /** Protocol pings to every socket: visitors answer them even from a throttled background tab. */
  pingMs: number;
  /** A visitor socket must say hello within this. */
  helloTimeoutMs: number;
  /** Visitors an agent is sent at most; the count is always the full one. */
  agentCap: number;
}

export const DEFAULT_HUB_SETTINGS: HubSettings = {
  pingMs: 15_000,
  helloTimeoutMs: 10_000,
  agentCap: 500,
  ...DEFAULT_REALTIME_LIMITS,
};

interface Agent {
  ws: WebSocket;
  siteId: string;
  token: string;
  user: SessionUser;
  /** The visitors this agent has: at most agentCap of them (live-push.ts). */
  shown: Set<string>;
  alive: boolean;
}

/** The upgrade's headers a visitor's hello is checked against (Do Not Track, the page's origin). */
type UpgradeHeaders = Pick<IncomingMessage, 'headers'>;

const toAgent = (ws: WebSocket, message: Channels['agent']['send']) => ws.send(JSON.stringify(message));
const toVisitor = (ws: WebSocket, message: Channels['visitor']['send']) => ws.send(JSON.stringify(message));
const ignore = () => undefined;

/**
 * The WebSocket endpoints of the one server: `/ws/agent?site=…` for the dashboard
 * (session cookie) and `/ws/visitor` for the snippet. Presence changes reach agents
 * through the bus; every (re)connect starts with a snapshot, so nothing is lost or doubled.
 */
export class RealtimeHub {
  private readonly visitorWss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_LIMITS.visitorMessageBytes });
  private readonly agentWss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_LIMITS.agentMessageBytes });
  private readonly agents = new Map<string, Set<Agent>>();
  private readonly pings: VisitorPings;
  private readonly settings: HubSettings;
  private readonly limits: VisitorLimiter;
  private readonly unsubscribe: () => void;
  private readonly agentSweeper: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      ch: ClickHouseClient;
      sites: SiteCache;
      presence: Presence;
      chat: ChatService;
      clientIp: (req: IncomingMessage) => string;
      bus?: RealtimeBus;
      watchers?: AgentWatcher[];
    },
    settings: Partial<HubSettings> = {},
  ) {
    this.settings = { ...DEFAULT_HUB_SETTINGS, ...settings };
    this.limits = new VisitorLimiter(this.settings);
    this.unsubscribe = (deps.bus ?? realtimeBus()).subscribe('presence', (change) => this.pushToAgents(change));
    this.pings = new VisitorPings(this.settings.pingMs);
    this.agentSweeper = setInterval(() => this.sweep(), this.settings.pingMs);
    this.agentSweeper.unref();
  }

  owns(pathname: string): boolean {
    return pathname === SOCKET_PATHS.agent || pathname === SOCKET_PATHS.visitor;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === SOCKET_PATHS.visitor)
      return this.visitorWss.handleUpgrade(req, socket, head, (ws) => this.admitVisitor(ws, req));
    if (url.pathname !== SOCKET_PATHS.agent) return refuseUpgrade(socket, 404);
    // Until ws takes the socket over, a reset during the session lookup must not be an uncaught error.
    socket.on('error', ignore);
    authorizeAgent(this.deps, req.headers.cookie, url.searchParams.get('site') ?? '')
      .then((verdict) => {
        socket.off('error', ignore);
        if (socket.destroyed) return;
        if ('status' in verdict) return refuseUpgrade(socket, verdict.status);
        this.agentWss.handleUpgrade(req, socket, head, (ws) => this.agent(ws, verdict));
      })
      .catch((error: unknown) => {
        console.error('live: agent upgrade failed', error);
        socket.destroy();
      });
  }

  /** Closes at once the agent sockets of a user's ended sessions (the sweep would notice only within pingMs). */
  closeUserSessions(userId: string, keepHash: string | null): void {
    for (const set of this.agents.values()) {
      for (const agent of set)
        if (agent.user.id === userId && hashToken(agent.token) !== keepHash) closeWith(agent.ws, CLOSE.signedOut);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.pings.stop();
    clearInterval(this.agentSweeper);
    const all = [...this.agentWss.clients, ...this.visitorWss.clients];
    for (const ws of all) closeWith(ws, CLOSE.shutdown);
    await Promise.race([Promise.all(all.map(closed)), new Promise((resolve) => setTimeout(resolve, 1000))]);
    for (const ws of all) ws.terminate();
    this.agentWss.close();
    this.visitorWss.close();
  }

  private agent(ws: WebSocket, { siteId, token, user, settings }: AgentAdmitted): void {
    const snapshot = this.deps.presence.snapshot(siteId, this.settings.agentCap);
    const agent: Agent = {
      ws,
      siteId,
      token,
      user,
      shown: new Set(snapshot.visitors.map((v) => v.visitorId)),
      alive: true,
    };
    let set = this.agents.get(siteId);
    if (!set) this.agents.set(siteId, (set = new Set()));
    set.add(agent);
    toAgent(ws, { type: 'live.snapshot', ...snapshot });
    const link = {
      userId: user.id,
      name: userDisplayName(user),
      siteId,
      ...chatRights(user),
      settings,
      send: (m: Channels['agent']['send']) => toAgent(ws, m),
    };
    const leaveChat = this.deps.chat.agentConnected(link);
    const leaveWatchers = (this.deps.watchers ?? []).map((w) => w.connected(siteId, user, link.send));

    // An agent in twenty chats types a lot: typing flags and messages fit well within this.
    const allow = rateLimit(60, 20);
    ws.on('error', ignore);
    ws.on('pong', () => (agent.alive = true));
    ws.on('message', (data, isBinary) => {
      if (!allow()) return closeWith(ws, CLOSE.tooMany);
      const message = parseMessage(agentToServer, data, isBinary);
      if (!message) return closeWith(ws, CLOSE.invalidMessage);
      agent.alive = true;
      if (message.type === 'ping') return toAgent(ws, { type: 'pong' });
      this.deps.chat.fromAgent(link, message).catch((error: unknown) => {
        console.error('chat: agent message failed', error);
        toAgent(ws, { type: 'chat.error', reason: 'not_stored' });
      });
    });
    ws.on('close', () => {
      set.delete(agent);
      leaveChat();
      for (const leave of leaveWatchers) leave?.();
    });
  }

  private pushToAgents(change: BusChannels['presence']): void {
    pushLiveChange(this.agents.get(change.siteId) ?? [], change, this.settings.agentCap);
  }

  /**
   * Counted once the socket is open, so the close code reaches the widget (which does not
   * retry codes >= 4000); a refused HTTP upgrade would look like a network error to retry.
   */
  private admitVisitor(ws: WebSocket, req: IncomingMessage): void {
    const ip = this.deps.clientIp(req);
    const release = this.limits.openSocket(ip);
    if (!release) return closeWith(ws, CLOSE.tooManySockets);
    ws.once('close', release);
    // Only what the hello is checked against: the request itself is not kept for the socket's life.
    this.visitor(ws, { headers: { dnt: req.headers['dnt'], origin: req.headers.origin } }, ip);
  }

  private visitor(ws: WebSocket, req: UpgradeHeaders, ip: string): void {
    let connection: PresenceConnection | null = null;
    let link: VisitorLink | null = null;
    let leaveChat: () => void = ignore;
    let key = '';
    let releaseTab: () => void = ignore;
    const allow = rateLimit(20, 4);
    const helloTimer = setTimeout(() => closeWith(ws, CLOSE.helloTimeout), this.settings.helloTimeoutMs);
    const pings = this.pings;
    pings.heard(ws);
    ws.on('error', ignore);
    ws.on('pong', () => {
      pings.heard(ws);
      connection?.beat();
    });
    ws.on('message', (data, isBinary) => {
      pings.heard(ws);
      if (!allow()) return closeWith(ws, CLOSE.tooMany);
      const message = parseMessage(visitorToServer, data, isBinary);
      if (!message) return closeWith(ws, CLOSE.invalidMessage);
      if (message.type === 'ping') {
        if (!connection) return closeWith(ws, CLOSE.helloTimeout);
        connection.beat();
        return toVisitor(ws, { type: 'pong' });
      }
      if (message.type !== 'hello') {
        if (!connection || !link) return closeWith(ws, CLOSE.helloTimeout);
        connection.beat();
        // One budget for all the visitor's sockets: a flood over twenty tabs is refused, not stored.
        if (!this.limits.allow(message.type, key, ip))
          return toVisitor(
            ws,
            message.type.startsWith('call.')
              ? { type: 'call.error', reason: 'rate_limited' }
              : { type: 'chat.error', reason: 'rate_limited' },
          );
        const from = link;
        this.deps.chat.fromVisitor(from, message).catch((error: unknown) => {
          console.error('chat: visitor message failed', error);
          from.send({ type: 'chat.error', reason: 'not_stored' });
        });
        return;
      }
      if (connection) return closeWith(ws, CLOSE.helloTwice);
      const refusal = refuseHello(this.deps.sites, message, req);
      if (refusal) return closeWith(ws, refusal);
      const tab = this.limits.openTab((key = visitorKey(message.site, message.visitorId)));
      if (!tab) return closeWith(ws, CLOSE.tooManyTabs);
      releaseTab = tab;
      clearTimeout(helloTimer);
      connection = this.deps.presence.connect(
        { siteId: message.site, visitorId: message.visitorId, sessionId: message.sessionId },
        () => ws.terminate(),
      );
      link = {
        siteId: message.site,
        visitorId: message.visitorId,
        sessionId: message.sessionId,
        chatToken: message.chatToken ?? '',
        lang: message.lang,
        send: (m) => toVisitor(ws, m),
      };
      toVisitor(ws, {
        type: 'welcome',
        ...this.deps.chat.availability(message.site),
        timeZone: this.deps.sites.get(message.site)?.timeZone ?? 'UTC',
      });
      leaveChat = this.deps.chat.visitorConnected(link);
    });
    ws.on('close', () => {
      pings.forget(ws);
      clearTimeout(helloTimer);
      releaseTab();
      connection?.close();
      leaveChat();
    });
  }

  /** Drops agents that missed a ping, re-checks their sessions (sign-out, lost access), pings everyone. */
  private sweep(): void {
    this.limits.sweep();
    for (const set of this.agents.values()) {
      for (const agent of set) {
        if (!agent.alive) {
          agent.ws.terminate();
          continue;
        }
        agent.alive = false;
        agent.ws.ping();
        void stillAdmitted(this.deps.ch, agent.token, agent.siteId).then((ok) => {
          if (ok === false) closeWith(agent.ws, CLOSE.signedOut);
        });
      }
    }
  }
}
