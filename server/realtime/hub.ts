import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { WebSocketServer, type WebSocket } from 'ws';
import { readCookie } from '../auth/cookies.ts';
import { can, canAccessSite } from '../auth/roles.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/session-store.ts';
import type { SiteCache } from '../sites/site-cache.ts';
import { isAllowedHost } from '../sites/site.ts';
import { visitorMessage, type AgentEvent, type VisitorEvent } from './channels.ts';
import type { Presence } from './presence.ts';

const MAX_MESSAGE_BYTES = 4 * 1024;
const MAX_MESSAGES_PER_MINUTE = 120;

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`);
}

/**
 * WebSocket endpoints of the one server: `/ws/agent?site=…` (dashboard, cookie-authenticated)
 * and `/ws/visitor` (the snippet). Upgrades to other paths are not ours.
 */
export class RealtimeHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly agents = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly sites: SiteCache,
    private readonly presence: Presence,
  ) {
    this.unsubscribe = presence.subscribe((siteId, change) => {
      const agents = this.agents.get(siteId);
      if (!agents?.size) return;
      const messages: AgentEvent[] = [];
      if (change.upserts.length) messages.push({ type: 'upsert', visitors: change.upserts, total: change.total });
      if (change.removes.length) messages.push({ type: 'remove', visitorIds: change.removes, total: change.total });
      for (const m of messages) {
        const data = JSON.stringify(m);
        for (const ws of agents) ws.send(data);
      }
    });
  }

  owns(path: string): boolean {
    return path === '/ws/agent' || path === '/ws/visitor';
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ws/visitor') {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.visitor(ws, req));
      return;
    }
    void this.authorizeAgent(req, url.searchParams.get('site') ?? '').then((result) => {
      if (typeof result === 'string') return refuse(socket, result === 'sign in' ? 401 : 403, result === 'sign in' ? 'Unauthorized' : 'Forbidden');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.agent(ws, result.siteId));
    });
  }

  close(): void {
    this.unsubscribe();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private async authorizeAgent(req: IncomingMessage, siteId: string): Promise<{ siteId: string } | string> {
    const token = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
    const user = token ? await findSessionUser(this.ch, token) : null;
    if (!user) return 'sign in';
    if (!can(user, 'live:read') || !canAccessSite(user, siteId) || !this.sites.get(siteId)) return 'forbidden';
    return { siteId };
  }

  private agent(ws: WebSocket, siteId: string): void {
    let set = this.agents.get(siteId);
    if (!set) this.agents.set(siteId, (set = new Set()));
    set.add(ws);
    const snapshot: AgentEvent = { type: 'snapshot', ...this.presence.snapshot(siteId) };
    ws.send(JSON.stringify(snapshot));
    ws.on('close', () => set.delete(ws));
  }

  private visitor(ws: WebSocket, req: IncomingMessage): void {
    let hello: { site: string; visitorId: string } | null = null;
    let release: (() => void) | null = null;
    let budget = MAX_MESSAGES_PER_MINUTE;
    const refill = setInterval(() => (budget = MAX_MESSAGES_PER_MINUTE), 60_000);
    const send = (e: VisitorEvent) => ws.send(JSON.stringify(e));
    ws.on('message', (data: Buffer) => {
      if (--budget < 0) return ws.close(1008, 'too many messages');
      let parsed;
      try {
        parsed = visitorMessage.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return ws.close(1007, 'not JSON');
      }
      if (!parsed.success) return ws.close(1007, 'invalid message');
      const msg = parsed.data;
      if (msg.type === 'ping') {
        if (hello) this.presence.heartbeat(hello.site, hello.visitorId);
        return send({ type: 'pong' });
      }
      if (hello) return ws.close(1008, 'hello twice');
      const site = this.sites.get(msg.site);
      if (!site) return ws.close(1008, 'unknown site');
      const origin = req.headers.origin;
      if (origin && !isAllowedHost(site, safeHost(origin))) return ws.close(1008, 'origin not allowed');
      hello = { site: msg.site, visitorId: msg.visitorId };
      release = this.presence.connected(msg.site, msg.visitorId, msg.sessionId);
      send({ type: 'welcome' });
    });
    ws.on('close', () => {
      clearInterval(refill);
      release?.();
    });
  }
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}
