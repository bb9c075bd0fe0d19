import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ApiRates } from './api/api-handler.ts';
import type { ChannelOptions } from './channels/channel-wiring.ts';
import type { AgentTimings, ChatDeps } from './chat/chat-service.ts';
import type { Handler } from './dashboard-route.ts';
import type { BatchWriter } from './ingest/batch-writer.ts';
import type { DeadLetters } from './ingest/dead-letter.ts';
import type { IngestRates } from './ingest/rate-limit.ts';
import type { MailboxPoller } from './mail/mailbox-poller.ts';
import type { MailOutbox } from './mail/outbox.ts';
import type { NotifyWiring } from './notify/notify-wiring.ts';
import type { HubSettings } from './realtime/hub.ts';
import type { Presence, PresenceTimings } from './realtime/presence.ts';
import type { RecordingSweep } from './recordings/retention-sweep.ts';
import type { SiteCache } from './sites/site-cache.ts';
import type { TagRuleEngine } from './tags/tag-rule-engine.ts';
import type { WebhookOutbox } from './webhooks/outbox.ts';

type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** What `createApp` is started with (server/main.ts reads it from the environment; tests shorten timings). */
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
  /** /api/v1 requests per key (token bucket); absent = 600 a minute, 60 at once. */
  apiRates?: ApiRates;
  /** Re-read the tracker on every request (development). */
  reloadTracker?: boolean;
  /** PUBLIC_URL: pages of this origin may call tRPC mutations and open /ws/agent. */
  publicUrl?: string;
  /** Development: the dashboard's CSP lets React's dev tooling evaluate code. */
  dev?: boolean;
  /** The webhook outbox: its folder (`<journalDir>/../webhook-outbox` if absent) and delivery rules. */
  webhooks?: { dir?: string; allowPrivate: boolean; timeoutMs: number; retryBaseMs?: number };
  /** Web calls: ICE servers passed to both peers; ringMs overrides the sites' ring time (tests). */
  calls?: ChatDeps['calls'];
  /** Mail: the outbox and attachments live under `dir` (`<journalDir>/../mail` if absent); mailboxes are read every pollMs (0 = only on demand). */
  mail?: { dir?: string; pollMs: number; maxMessageBytes: number; maxAttachmentBytes: number; retryBaseMs?: number };
  /** Chat files: kept under `dir` (`<journalDir>/../files` if absent); size and uploads a minute per visitor and per site. */
  files?: { dir?: string; maxBytes: number; perVisitorMinute: number; perSiteMinute: number };
  /** Call recordings: their directory (default `recordings` beside the journal). */
  recordings?: { dir?: string };
  /** The channel API and WeChat: WeChat's API base and the per-sender rate; absent = WeChat's real API, 30 a minute. */
  channels?: ChannelOptions;
  /** Alerts are checked and due reports looked for this often (a minute each); tests call the checks directly. */
  notify?: { alertTickMs?: number; reportTickMs?: number; now?: () => number };
  /** Presence timeouts and hub limits; tests shorten them. */
  /** callbackTickMs: how often overdue callbacks are counted for the sites agents have open (30 s). */
  realtime?: Partial<PresenceTimings & HubSettings & AgentTimings & { callbackTickMs: number }>;
}

export interface App {
  server: Server;
  sites: SiteCache;
  writer: BatchWriter;
  deadLetters: DeadLetters;
  presence: Presence;
  /** Automatic tag rules as events are stored (tests settle it). */
  tagRules: TagRuleEngine;
  webhooks: WebhookOutbox;
  /** The recordings' retention sweep (tests run it at a chosen time). */
  recordings: RecordingSweep;
  mail: { outbox: MailOutbox; poller: MailboxPoller };
  /** Alerts, the bell and scheduled reports (tests run a check or a tick). */
  notify: NotifyWiring;
  close(): Promise<void>;
}
