import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { AutoInviter } from './chat/auto-invite.ts';
import { ChatService } from './chat/chat-service.ts';
import { leadsFromIdentify } from './leads/identify-leads.ts';
import { publishIdentified } from './leads/lead-events.ts';
import { WebhookOutbox } from './webhooks/outbox.ts';
import { MailWiring } from './mail/mail-wiring.ts';
import { startFiles } from './files/files-wiring.ts';
import { ChannelWiring, DEFAULT_CHANNEL_OPTIONS } from './channels/channel-wiring.ts';
import { WECHAT_PATH } from './channels/wechat-endpoint.ts';
import { createOrdersHandler } from './orders/orders-endpoint.ts';
import { createApiHandler } from './api/api-handler.ts';
import { API_BASE } from './api/openapi.ts';
import { API_ROUTES } from './api/route-table.ts';
import { OrderService } from './orders/order-service.ts';
import { BatchWriter } from './ingest/batch-writer.ts';
import { clickHouseStore } from './ingest/clickhouse-insert.ts';
import { clientIp, createIngestHandler } from './ingest/handler.ts';
import { Journal } from './ingest/journal.ts';
import { DeadLetters } from './ingest/dead-letter.ts';
import { IngestRateLimiter } from './ingest/rate-limit.ts';
import { getVisitFactsMany } from './queries/visit-facts.ts';
import { isSameOrigin } from './auth/request-origin.ts';
import { pageRoutes, send, type Handler } from './dashboard-route.ts';
import { SOCKET_PATHS } from './contract/channels.ts';
import { FILE_ROUTE } from './contract/chat-files.ts';
import { RealtimeHub } from './realtime/hub.ts';
import { CallbackAlerts } from './realtime/callback-alerts.ts';
import { callbackDesk } from './chat/callback-desk.ts';
import { refuseUpgrade } from './realtime/sockets.ts';
import { Presence } from './realtime/presence.ts';
import { TagRuleEngine } from './tags/tag-rule-engine.ts';
import { visitorTagCache } from './tags/tag-cache.ts';
import { SiteCache } from './sites/site-cache.ts';
import { serviceSettings } from './sites/service-settings.ts';
import { DEFAULT_ROBOT_CONFIDENCE, kbIndex, startKbIndex } from './kb/kb-search.ts';
import { recordingFiles } from './recordings/recording-files.ts';
import { createRecordingsHandler, RECORDINGS_PREFIX } from './recordings/recordings-handler.ts';
import { RecordingSweep } from './recordings/retention-sweep.ts';
import { localUrl, NotifyWiring } from './notify/notify-wiring.ts';

import type { App, AppOptions } from './app-options.ts';
import { listenToBus } from './app-bus.ts';

export type { App, AppOptions };

/** The one HTTP server: ingest, the tracker file, the demo shop, and Next for everything else. */
export async function createApp(options: AppOptions): Promise<App> {
  // Not awaited: the server answers at once, knowledge searches find nothing until it is built.
  startKbIndex(options.ch).catch((error: unknown) => console.error('kb: could not build the search index', error));
  const sites = new SiteCache(options.ch);
  await sites.reload();
  await serviceSettings().load(options.ch);
  sites.startRefreshing();
  const deadLetters = new DeadLetters(options.deadLetterDir ?? `${options.journalDir}-dead-letter`);
  const writer = new BatchWriter(clickHouseStore(options.ch), new Journal(options.journalDir), {
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
  const channels = new ChannelWiring(options.ch, options.channels ?? DEFAULT_CHANNEL_OPTIONS);
  // Started before anything can publish a domain event (chat restore, ingest).
  const webhooks = new WebhookOutbox({
    targets: channels.replyTargets,
    transport: channels.transport,
    ch: options.ch,
    dir: options.webhooks?.dir ?? join(dirname(options.journalDir), 'webhook-outbox'),
    delivery: {
      allowPrivate: options.webhooks?.allowPrivate ?? false,
      timeoutMs: options.webhooks?.timeoutMs ?? 10_000,
    },
    retryBaseMs: options.webhooks?.retryBaseMs,
  });
  webhooks.start();
  const mailDir = options.mail?.dir ?? join(dirname(options.journalDir), 'mail');
  const filesDir = options.files?.dir ?? join(dirname(options.journalDir), 'files');
  const mail = new MailWiring(options.ch, {
    dir: mailDir,
    filesDir,
    pollMs: options.mail?.pollMs ?? 0,
    maxMessageBytes: options.mail?.maxMessageBytes ?? 25 * 1024 * 1024,
    maxAttachmentBytes: options.mail?.maxAttachmentBytes ?? 10 * 1024 * 1024,
    retryBaseMs: options.mail?.retryBaseMs,
  });
  const presence = new Presence({
    lookup: (siteId, visits) => getVisitFactsMany(options.ch, siteId, visits),
    timings: options.realtime,
  });
  // Automatic tag rules see chat events as well as ingest's (had a chat, became a lead).
  const tagRules = new TagRuleEngine({ ch: options.ch });
  await tagRules.start();
  const chat = new ChatService({
    ch: options.ch,
    // Journaled is enough: a restart stores ingest's journal before it restores chats.
    writeEvents: async (events, identities = []) => {
      const written = writer.write({ events, bots: [], identities, orders: [] });
      for (const siteId of new Set(events.map((e) => e.site_id)))
        void written.stored.then(() =>
          tagRules.onStored({ events: events.filter((e) => e.site_id === siteId) }, siteId),
        );
      // A contact left in chat names the visitor on Live as an identify does, once stored.
      if (identities.length > 0) void written.stored.then(() => publishIdentified(identities));
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
    service: (siteId) => ({ settings: serviceSettings().get(siteId), timeZone: sites.get(siteId)?.timeZone ?? 'UTC' }),
    // The robot answers only from the knowledge base (part B's search).
    knowledge: {
      search: (siteId, query, opts) => kbIndex().search(siteId, query, opts),
      noteUse: (siteId, articleId, kind) => kbIndex().noteUse(siteId, articleId, kind),
      defaultConfidence: DEFAULT_ROBOT_CONFIDENCE,
    },
    timings: options.realtime,
    calls: options.calls,
    captured: mail.chatHooks.captured,
    transcript: mail.chatHooks.transcript,
    outbound: (siteId, summary, message) => {
      mail.chatHooks.outbound(siteId, summary, message);
      channels.outbound(siteId, summary, message);
    },
  });
  await chat.restore();
  // Claims and outcomes acknowledged before a crash, stored before anyone reads the queue.
  callbackDesk().configure(join(options.journalDir, 'callbacks'));
  await callbackDesk().replay(options.ch);
  const mailPoller = mail.connect(chat.channels);
  const originPolicy = { publicUrl: options.publicUrl, trustProxy: options.trustProxy };
  const files = startFiles({
    ch: options.ch,
    files: chat.files,
    dir: filesDir,
    limits: options.files ?? { maxBytes: 10 * 1024 * 1024, perVisitorMinute: 10, perSiteMinute: 120 },
    originPolicy,
  });
  const publicUrl = () => options.publicUrl ?? localUrl(server);
  const channelPorts = channels.connect(chat.channels, webhooks, { ...files, publicUrl });
  const autoInvite = new AutoInviter({
    ch: options.ch,
    chat,
    visit: (siteId, visitorId) => presence.visitor(siteId, visitorId),
    timeZone: (siteId) => sites.get(siteId)?.timeZone ?? 'UTC',
    tagsOf: (siteId, visitorId) => new Set(visitorTagCache().tagsOf(siteId, visitorId).keys()),
    tickMs: options.realtime?.tickMs,
  });
  await autoInvite.start();
  const callbackAlerts = new CallbackAlerts(options.ch, options.realtime?.callbackTickMs);
  const notify = new NotifyWiring({
    ch: options.ch,
    outbox: mail.outbox,
    dir: mailDir,
    sites,
    chat,
    webhooks,
    publicUrl,
    ...options.notify,
  });
  const hub = new RealtimeHub(
    {
      ch: options.ch,
      sites,
      presence,
      chat,
      watchers: [callbackAlerts, notify.bell],
      clientIp: (req) => clientIp(req, options.trustProxy),
    },
    options.realtime,
  );
  const leadFromIdentify = leadsFromIdentify(options.ch);
  const orderService = new OrderService({ ch: options.ch, writer });
  orderService.preload(sites.all().map((s) => s.id));
  // An erasure, a stored identity, a session ended in tRPC (inside Next): this process's memory hears of it.
  const stopBus = listenToBus({ hub, chat, presence, orders: orderService });
  const orders = createOrdersHandler({ orders: orderService, sites });
  const api = createApiHandler(
    { ch: options.ch, orders: orderService, channels: channelPorts.api },
    API_ROUTES,
    options.apiRates ?? { perMinute: 600, burst: 60 },
    (req) => clientIp(req, options.trustProxy),
  );
  const ingest = createIngestHandler({
    writer,
    sites,
    trustProxy: options.trustProxy,
    limiter: options.ingestRates ? new IngestRateLimiter(options.ingestRates) : undefined,
    // Webhook events are on disk before the 202, as API orders' are (issue 17).
    onJournaled: async (rows) => {
      publishIdentified(rows.identities);
      await orderService.onJournaled(rows.orders);
    },
    onStored: (rows, siteId) => {
      presence.onStored(rows, siteId);
      leadFromIdentify.onStored(rows, siteId);
      autoInvite.onStored(rows, siteId);
      tagRules.onStored(rows, siteId);
    },
  });
  // Recordings live beside the journal in the data dir; the sweep keeps each site's retention.
  recordingFiles().configure(options.recordings?.dir ?? join(dirname(options.journalDir), 'recordings'));
  const recordings = createRecordingsHandler({ ch: options.ch, callParties: chat.callParties, originPolicy });
  const sweep = new RecordingSweep(options.ch, () =>
    sites.all().map((s) => ({ id: s.id, retentionDays: serviceSettings().get(s.id).calls.retentionDays })),
  );
  sweep.start();
  const pages = pageRoutes({
    next: options.next,
    trustProxy: options.trustProxy,
    dev: options.dev ?? false,
    reloadTracker: options.reloadTracker ?? false,
    originPolicy,
  });

  const route: Handler = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/collect') return ingest(req, res);
    if (path === '/api/orders') return orders(req, res);
    if (path.startsWith(`${API_BASE}/`)) return api(req, res);
    if (path === FILE_ROUTE || path.startsWith(`${FILE_ROUTE}/`)) return files.route(req, res);
    if (path.startsWith(RECORDINGS_PREFIX)) return recordings(req, res);
    if (path.startsWith(WECHAT_PATH)) return channelPorts.wechat(req, res, path.slice(WECHAT_PATH.length));
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok');
    if (path === '/unsubscribe') return notify.unsubscribe(req, res);
    return pages(req, res, path);
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
    tagRules,
    webhooks,
    recordings: sweep,
    mail: { outbox: mail.outbox, poller: mailPoller },
    notify,
    async close() {
      await mail.stopReading();
      stopBus();
      files.close();
      sites.stop();
      autoInvite.close();
      sweep.stop();
      await hub.close();
      callbackAlerts.close();
      await notify.close();
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
      await tagRules.close();
      await presence.close();
      await webhooks.close();
      await mail.close();
    },
  };
}
