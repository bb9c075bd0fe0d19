import { resolve } from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Everything else imports `env`.
// Booleans are parsed once, here, so "0"/"false"/"" mean the same everywhere.
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

// WEBRTC_ICE_SERVERS: a JSON array of RTCIceServer ({ urls, username?, credential? }); both peers get it.
const iceServers = z
  .string()
  .default('[]')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a JSON array such as [{"urls":"stun:stun.example.org:3478"}]' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.strictObject({
          urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
          username: z.string().optional(),
          credential: z.string().optional(),
        }),
      )
      .max(10),
  );

// 0 (off) or room for at least one full request (50 events), else a request could never pass.
const eventsPerMin = z.coerce
  .number()
  .int()
  .min(0)
  .max(1e9)
  .refine((n) => n === 0 || n >= 50, '0 (off) or at least 50 events a minute');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  LEADTRAIL_DATA_DIR: z.string().min(1).default('data'),
  LEADTRAIL_DEMO: bool.default(true),
  LEADTRAIL_DEMO_EVENTS: z.coerce.number().int().min(0).max(10_000_000).default(300_000),
  LEADTRAIL_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  /** Test-only: load the fixture dataset (server/testing/fixture.ts) as of this epoch ms. */
  LEADTRAIL_FIXTURE_NOW: z.coerce.number().int().positive().optional(),
  TRUST_PROXY: bool.default(false),
  /** Sign-in attempts from one address on one account before it waits (15-minute window). */
  SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Sign-in attempts from one address across all accounts before it waits. */
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  /** The first wait after the limit; each further failure doubles it, up to an hour. */
  SIGN_IN_LOCK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  INGEST_FLUSH_MS: z.coerce.number().int().min(0).max(5_000).default(200),
  /** Realtime limits (server/realtime/limits.ts): per site + visitor, or per client address. */
  REALTIME_MESSAGES_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  REALTIME_MESSAGE_BURST: z.coerce.number().int().min(1).max(100_000).default(8),
  REALTIME_LEADS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  REALTIME_LEADS_PER_HOUR_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
  REALTIME_SOCKETS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(200),
  REALTIME_SOCKETS_PER_VISITOR: z.coerce.number().int().min(1).max(1_000).default(10),
  /** WebRTC signals (offer, answer, ICE candidate) a minute per site + visitor, and how many at once. */
  REALTIME_CALL_SIGNALS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(120),
  REALTIME_CALL_SIGNAL_BURST: z.coerce.number().int().min(1).max(100_000).default(12),
  /** STUN/TURN servers for web calls (JSON array); none works on one machine or a LAN. */
  WEBRTC_ICE_SERVERS: iceServers,
  /** An online agent with no mouse or keyboard in any dashboard tab for this long turns away; 0 = never. */
  AGENT_IDLE_AWAY_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** /api/collect events a minute per client address (IPv6: per /64) and per site; 0 = off. */
  INGEST_RATE_IP_PER_MIN: eventsPerMin.default(10_000),
  INGEST_RATE_SITE_PER_MIN: eventsPerMin.default(300_000),
  /** /api/v1 requests a minute per API key, and how many may come at once (token bucket). */
  API_RATE_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Let webhooks reach loopback, private and link-local addresses (an admin's choice: SSRF guard off). */
  WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
  /** Deadline of one webhook delivery attempt (connect, send, answer). */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** A SIP domain (`pbx.example.com`): each callback then also offers `sip:<number>@<domain>` for a softphone. */
  SIP_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'a host name, optionally with :port')
    .optional(),
  /** How often each site's mailbox is read over IMAP (email conversations); 0 = never. */
  MAIL_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** How often every site is checked for alerts (traffic, waiting visitors, no agent, failing deliveries). */
  ALERT_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Mails larger than this (MB, whole message) are passed over, never fetched. */
  MAIL_MAX_MESSAGE_MB: z.coerce.number().min(1).max(200).default(25),
  /** Attachments larger than this (MB) are refused; the mail itself is kept and says so. */
  MAIL_MAX_ATTACHMENT_MB: z.coerce.number().min(0.01).max(100).default(10),
  /** Largest file a visitor or an agent may send in a chat (MB). */
  CHAT_FILE_MAX_MB: z.coerce.number().min(0.01).max(100).default(10),
  /** Chat file uploads a minute per visitor (and per agent), and per site. */
  CHAT_FILES_PER_VISITOR_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  CHAT_FILES_PER_SITE_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** WeChat's server API (access tokens, customer-service messages); tests point it at a simulated WeChat. */
  WECHAT_API_BASE: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://api.weixin.qq.com'),
  /** Messages one sender of one channel (API, WeChat) may send a minute, and how many at once. */
  CHANNEL_MESSAGES_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  CHANNEL_MESSAGE_BURST: z.coerce.number().int().min(1).max(100_000).default(10),
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z.string().regex(/^\w+$/, 'letters, digits and _ only').default('default'),
  CLICKHOUSE_CLUSTER: z.string().regex(/^\w+$/, 'letters, digits and _ only').optional(),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.LEADTRAIL_DATA_DIR) };
}

export const env: Env = load();
