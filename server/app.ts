import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { renderDemoShop } from './demo/shop.ts';
import { DEMO_SITE_ID } from './demo/demo-site.ts';
import { AutoInviter } from './chat/auto-invite.ts';
import { ChatService, type AgentTimings } from './chat/chat-service.ts';
import { leadsFromIdentify } from './leads/identify-leads.ts';
import { createOrdersHandler } from './orders/orders-endpoint.ts';
import { OrderService } from './orders/order-service.ts';
import { BatchWriter } from './ingest/batch-writer.ts';
import { clickHouseInsert } from './ingest/clickhouse-insert.ts';
import { clientIp, createIngestHandler } from './ingest/handler.ts';
import { Journal } from './ingest/journal.ts';
import { DeadLetters } from './ingest/dead-letter.ts';
import { IngestRateLimiter, type IngestRates } from './ingest/rate-limit.ts';
import { getVisitFacts } from './queries/visit-facts.ts';
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER, isSameOrigin, requestProto } from './auth/request-origin.ts';
import { dashboardSecurityHeaders } from './auth/security-headers.ts';
import { realtimeBus } from './bus/bus.ts';
import { SOCKET_PATHS } from './contract/channels.ts';
import { RealtimeHub, type HubSettings } from './realtime/hub.ts';
import { refuseUpgrade } from './realtime/sockets.ts';
import { Presence, type PresenceTimings } from './realtime/presence.ts';
import { SiteCache } from './sites/site-cache.ts';
import { startKbIndex } from './kb/kb-search.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AppOptions {
  ch: ClickHouseClient;
  trustProxy: boolean;
  flushMs: number;
  /**
   * Where ingest journals acknowledged rows until they are inserted; loaded again at start.
   * Its `chat/` folder holds chat requests and offline messages (with their leads) until stored.
   */
  journalDir: string;
  /** Where rows the store refused for their content are set aside (one file per journal segment); `<journalDir>-dead-letter` if absent. */
  deadLetterDir?: string;
  /** Next's request handler; absent in tests that exercise only ingest. */
  next?: Handler;
  /** Next's dev HMR upgrades (/_next/…); absent in production. */
  nextUpgrade?: UpgradeHandler;
  /** /api/collect events a minute per client address and per site (0 = off); absent = no limits. */
  ingestRates?: IngestRates;
  /** Re-read the tracker on every request (development). */
  reloadTracker?: boolean;
  /** PUBLIC_URL: pages of this origin may call tRPC mutations and open /ws/agent. */
  publicUrl?: string;
  /** Development: the dashboard's CSP lets React's dev tooling evaluate code. */
  dev?: boolean;
  /** Presence timeouts and hub limits; tests shorten them. */
  realtime?: Partial<PresenceTimings & HubSettings & AgentTimings>;
}

export interface App {
  server: Server;
  sites: SiteCache;
  writer: BatchWriter;
  deadLetters: DeadLetters;
  presence: Presence;
  close(): Promise<void>;
}

/** The snippet and the chat widget it loads, served from the tracker build. */
const SCRIPTS: Record<string, string> = {
  '/t.js': fileURLToPath(new URL('../tracker/dist/t.js', import.meta.url)),
  '/w.js': fileURLToPath(new URL('../tracker/dist/w.js', import.meta.url)),
};

/** The one HTTP server: ingest, the tracker file, the demo shop, and Next for everything else. */
export async function createApp(options: AppOptions): Promise<App> {
  // Not awaited: the server answers at once, knowledge searches find nothing until it is built.
  startKbIndex(options.ch).catch((error: unknown) => console.error('kb: could not build the search index', error));
  const sites = new SiteCache(options.ch);
  await sites.reload();
  sites.startRefreshing();
  const deadLetters = new DeadLetters(options.deadLetterDir ?? `${options.journalDir}-dead-letter`);
  const writer = new BatchWriter(clickHouseInsert(options.ch), new Journal(options.journalDir), {
    flushMs: options.flushMs,
    maxRows: 20_000,
    maxPending: 200_000,
    deadLetters,
  });
  const recovered = await writer.recover();
  if (recovered.stored > 0) console.log(`ingest: stored ${recovered.stored} journaled rows left by the last run`);
  if (recovered.setAside > 0 || deadLetters.total > 0)
    console.warn(
      `ingest: ${deadLetters.total} row(s) the store refused are set aside in ${deadLetters.dir} (see README, "Ingest endpoint")`,
    );
  const presence = new Presence({
    lookup: (siteId, visitorId, sessionId) => getVisitFacts(options.ch, siteId, visitorId, sessionId),
    timings: options.realtime,
  });
  const chat = new ChatService({
    ch: options.ch,
    // Journaled is enough: a restart stores ingest's journal before it restores chats.
    writeEvents: async (events, identities = []) => {
      const written = writer.write({ events, bots: [], identities, orders: [] });
      // A contact left in chat names the visitor on Live as an identify does, once stored.
      for (const siteId of new Set(identities.map((i) => i.site_id))) {
        void written.stored.then(() =>
          presence.onStored(
            { events: [], bots: [], identities: identities.filter((i) => i.site_id === siteId), orders: [] },
            siteId,
          ),
        );
      }
      return written.durable;
    },
    visit: (siteId, visitorId) => presence.visitor(siteId, visitorId),
    journalDir: join(options.journalDir, 'chat'),
    timings: options.realtime,
  });
  await chat.restore();
  const autoInvite = new AutoInviter({
    ch: options.ch,
    chat,
    visit: (siteId, visitorId) => presence.visitor(siteId, visitorId),
    timeZone: (siteId) => sites.get(siteId)?.timeZone ?? 'UTC',
    tickMs: options.realtime?.tickMs,
  });
  await autoInvite.start();
  const hub = new RealtimeHub(
    { ch: options.ch, sites, presence, chat, clientIp: (req) => clientIp(req, options.trustProxy) },
    options.realtime,
  );
  // A changed password or "sign out everywhere" (run by tRPC inside Next) ends sessions: their sockets go too.
  const stopSessions = realtimeBus().subscribe('sessions', ({ userId, keepHash }) =>
    hub.closeUserSessions(userId, keepHash),
  );
  // An admin's "takes chats" for a user (Settings → Users, tRPC inside Next) reaches their open tabs.
  const stopTakesChats = realtimeBus().subscribe('agentSettings', ({ userId, takesChats }) =>
    chat.takesChatsSet(userId, takesChats),
  );
  const originPolicy = { publicUrl: options.publicUrl, trustProxy: options.trustProxy };
  const leadFromIdentify = leadsFromIdentify(options.ch);
  const orderService = new OrderService({ ch: options.ch, writer });
  orderService.preload(sites.all().map((s) => s.id));
  // An erasure runs in tRPC (inside Next): the server's own memory hears of it on the bus.
  // An agent's "Save as lead" (tRPC, inside Next) stored an identity: name the visitor on Live.
  const stopIdentified = realtimeBus().subscribe('identified', ({ siteId, identities }) =>
    presence.onStored({ events: [], bots: [], identities, orders: [] }, siteId),
  );
  const stopForgetting = realtimeBus().subscribe('erased', ({ siteId, visitorIds }) => {
    presence.forget(siteId, visitorIds);
    orderService.forget(siteId, visitorIds);
  });
  const orders = createOrdersHandler({ orders: orderService, sites });
  const ingest = createIngestHandler({
    writer,
    sites,
    trustProxy: options.trustProxy,
    limiter: options.ingestRates ? new IngestRateLimiter(options.ingestRates) : undefined,
    onStored: (rows, siteId) => {
      presence.onStored(rows, siteId);
      leadFromIdentify.onStored(rows, siteId);
      autoInvite.onStored(rows, siteId);
      orderService.onStored(rows.orders);
    },
  });
  const scripts = Object.fromEntries(
    Object.entries(SCRIPTS).map(([path, file]) => [path, scriptSource(file, options.reloadTracker ?? false)]),
  );

  const route: Handler = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/collect') return ingest(req, res);
    if (path === '/api/orders') return orders(req, res);
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok');
    const script = scripts[path];
    if (script) {
      const source = script();
      if (!source) return send(res, 503, 'text/plain', 'tracker not built: run npm run build:tracker');
      return send(res, 200, 'application/javascript; charset=utf-8', source, {
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
      });
    }
    if (path === '/demo' || path.startsWith('/demo/')) {
      const page = renderDemoShop(path, DEMO_SITE_ID);
      return send(res, page.status, 'text/html; charset=utf-8', page.html);
    }
    if (options.next) {
      const refusal = dashboardBodyRefusal(req);
      if (refusal) {
        req.resume();
        return send(res, refusal.status, 'text/plain', refusal.reason, { connection: 'close' });
      }
      // Route handlers see a Request without the socket; the address (for sign-in rate
      // limits) and the scheme (for Secure cookies) travel in headers the client cannot set.
      req.headers[CLIENT_IP_HEADER] = clientIp(req, options.trustProxy);
      req.headers[CLIENT_PROTO_HEADER] = requestProto(req, options.trustProxy);
      for (const [name, value] of Object.entries(dashboardSecurityHeaders(req, options.dev ?? false)))
        res.setHeader(name, value);
      // Mutations are POSTs: one sent by another site's page (with the user's cookie) is refused.
      if (
        path.startsWith('/api/trpc/') &&
        req.method !== 'GET' &&
        req.method !== 'HEAD' &&
        !isSameOrigin(req, originPolicy)
      ) {
        return send(res, 403, 'text/plain', 'cross-site request refused');
      }
      return options.next(req, res);
    }
    return send(res, 404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      console.error('request failed', req.url, error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.destroy();
    });
  });
  // An upgrade nobody answers hangs the client: hand Next its own, refuse the rest.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    // A page of another site could open the agent socket with the agent's cookie (cookies go with upgrades).
    if (path === SOCKET_PATHS.agent && !isSameOrigin(req, originPolicy)) return refuseUpgrade(socket, 403);
    if (hub.owns(path)) return hub.handleUpgrade(req, socket, head);
    if (options.nextUpgrade && req.url?.startsWith('/_next/')) return options.nextUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  return {
    server,
    sites,
    writer,
    deadLetters,
    presence,
    async close() {
      stopForgetting();
      stopIdentified();
      sites.stop();
      stopSessions();
      stopTakesChats();
      autoInvite.close();
      await hub.close();
      chat.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // Chat steps write their events through the writer: they go first.
      await chat.drain();
      // Storing the last rows runs their onStored work, so that drains after it.
      await writer.drain();
      await leadFromIdentify.drain();
      await presence.close();
    },
  };
}

/** The dashboard's largest request body: tRPC inputs are small; the biggest is a rule or a canned reply. */
export const DASHBOARD_BODY_BYTES = 1024 * 1024;

/**
 * Next reads a route handler's body whole, with no limit, and the zod schemas then run their
 * regexes over every byte (a 10 MB sign-in email overflowed V8's regex stack). So a body for
 * Next must declare its length (browsers' fetch always does) and stay under the cap.
 */
function dashboardBodyRefusal(req: IncomingMessage): { status: number; reason: string } | undefined {
  const declared = req.headers['content-length'];
  if (declared === undefined)
    return req.headers['transfer-encoding'] ? { status: 411, reason: 'content-length required' } : undefined;
  return Number(declared) > DASHBOARD_BODY_BYTES
    ? { status: 413, reason: `body larger than ${DASHBOARD_BODY_BYTES} bytes` }
    : undefined;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

function scriptSource(file: string, reload: boolean): () => string | undefined {
  const read = () => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  if (reload) return read;
  const cached = read();
  return () => cached;
}
