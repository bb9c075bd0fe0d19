import './heap-growth.ts';
import './log-streams.ts';
import next from 'next';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getClickHouse } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { createApp } from './app.ts';
import { ensureFirstAdmin } from './auth/user-service.ts';
import { defaultAgentSettings, saveAgentSettings } from './chat/agent-settings.ts';
import { seedDemo } from './demo/seed.ts';
import { ensureDemoAgents } from './demo/demo-agents.ts';
import { env } from './env.ts';

const dev = process.argv.includes('--dev') || env.NODE_ENV === 'development';
const root = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const ch = getClickHouse();
  const applied = await migrate(ch, env.CLICKHOUSE_CLUSTER);
  if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);

  const nextApp = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const upgrade = nextApp.getUpgradeHandler();

  const app = await createApp({
    ch,
    trustProxy: env.TRUST_PROXY,
    flushMs: env.INGEST_FLUSH_MS,
    journalDir: join(env.dataDir, 'ingest-journal'),
    deadLetterDir: join(env.dataDir, 'ingest-dead-letter'),
    ingestRates: { ipPerMin: env.INGEST_RATE_IP_PER_MIN, sitePerMin: env.INGEST_RATE_SITE_PER_MIN },
    apiRates: { perMinute: env.API_RATE_PER_MIN, burst: env.API_RATE_BURST },
    next: (req, res) => handle(req, res),
    nextUpgrade: dev ? (req, socket, head) => void upgrade(req, socket, head) : undefined,
    reloadTracker: dev,
    realtime: {
      messagesPerMin: env.REALTIME_MESSAGES_PER_MIN,
      messageBurst: env.REALTIME_MESSAGE_BURST,
      leadsPerHour: env.REALTIME_LEADS_PER_HOUR,
      leadsPerHourPerIp: env.REALTIME_LEADS_PER_HOUR_PER_IP,
      socketsPerIp: env.REALTIME_SOCKETS_PER_IP,
      socketsPerVisitor: env.REALTIME_SOCKETS_PER_VISITOR,
      callSignalsPerMin: env.REALTIME_CALL_SIGNALS_PER_MIN,
      callSignalBurst: env.REALTIME_CALL_SIGNAL_BURST,
      agentIdleAwayMs: env.AGENT_IDLE_AWAY_MINUTES * 60_000,
    },
    publicUrl: env.PUBLIC_URL,
    calls: { iceServers: env.WEBRTC_ICE_SERVERS },
    webhooks: {
      dir: join(env.dataDir, 'webhook-outbox'),
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
      timeoutMs: env.WEBHOOK_TIMEOUT_SECONDS * 1000,
    },
    channels: {
      wechatApiBase: env.WECHAT_API_BASE,
      senderRates: { perMinute: env.CHANNEL_MESSAGES_PER_MIN, burst: env.CHANNEL_MESSAGE_BURST },
    },
    mail: {
      dir: join(env.dataDir, 'mail'),
      pollMs: env.MAIL_POLL_SECONDS * 1000,
      maxMessageBytes: env.MAIL_MAX_MESSAGE_MB * 1024 * 1024,
      maxAttachmentBytes: env.MAIL_MAX_ATTACHMENT_MB * 1024 * 1024,
    },
    files: {
      dir: join(env.dataDir, 'files'),
      maxBytes: Math.round(env.CHAT_FILE_MAX_MB * 1024 * 1024),
      perVisitorMinute: env.CHAT_FILES_PER_VISITOR_MINUTE,
      perSiteMinute: env.CHAT_FILES_PER_SITE_MINUTE,
    },
    notify: { alertTickMs: env.ALERT_CHECK_SECONDS * 1000 },
    dev,
  });
  if (env.LEADTRAIL_DEMO) await seedDemo(ch, app.sites, env.LEADTRAIL_DEMO_EVENTS, env.PUBLIC_URL, env.PORT);
  const firstAdmin = await ensureFirstAdmin(ch, env.LEADTRAIL_ADMIN_PASSWORD);
  // On a new install the first admin is the whole team: they take chats until they say otherwise.
  if (firstAdmin) await saveAgentSettings(ch, firstAdmin.id, { ...defaultAgentSettings('admin'), takesChats: true });
  if (env.LEADTRAIL_DEMO) await ensureDemoAgents(ch);
  if (env.LEADTRAIL_FIXTURE_NOW) {
    // Test-only, so it is loaded only when asked for.
    const { FIXTURE_SITES, loadFixture } = await import('./testing/fixture.ts');
    if (!app.sites.get(FIXTURE_SITES.a.id)) {
      await loadFixture(ch, env.LEADTRAIL_FIXTURE_NOW);
      await app.sites.reload();
    }
  }

  app.server.listen(env.PORT, env.HOST, () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = env.PUBLIC_URL ?? `http://localhost:${port}`;
    console.log(`LeadTrail is running at ${url}`);
    console.log(`  dashboard:  ${url}/`);
    console.log(`  demo shop:  ${url}/demo/  (browse it in another tab to become a live visitor)`);
    console.log(`  store:      ${env.CLICKHOUSE_URL ? env.CLICKHOUSE_URL : `embedded ClickHouse in ${env.dataDir}`}`);
    if (firstAdmin) {
      console.log('');
      console.log(`  First start: sign in as ${firstAdmin.email} with password ${firstAdmin.password}`);
      console.log('  (shown once; change it under Account and security in the account menu)');
    } else {
      console.log('  sign in with an existing account (the first admin is admin@leadtrail.local)');
    }
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: flushing pending events and stopping`);
    void app
      .close()
      .then(() => ch.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
