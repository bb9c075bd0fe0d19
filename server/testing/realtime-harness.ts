import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { type ClickHouseClient } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { createApp, type App, type AppOptions } from '../app.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from './http.ts';
import type { AgentPresence, ChatSummary, ServerToAgent } from '../contract/channels.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import { tempDir } from './temp-dir.ts';
import { testStore } from './test-store.ts';

// Integration tests of the hub: the real app on an embedded in-memory store, real HTTP
// ingest, real WebSockets. Each test file starts its own.

export interface LiveHarness {
  ch: ClickHouseClient;
  app: App;
  base: string;
  /** Session tokens: an agent of `sites`, a marketer of another site, an admin. */
  tokens: { agent: string; outsider: string; admin: string };
  userIds: { agent: string; outsider: string; admin: string };
  close(): Promise<void>;
}

export async function startLiveHarness(
  sites: string[],
  realtime: AppOptions['realtime'],
  extra: Pick<AppOptions, 'calls' | 'mail' | 'files' | 'webhooks' | 'channels' | 'notify'> = {},
): Promise<LiveHarness> {
  const ch = testStore();
  await migrate(ch);
  // A site whose id says shanghai keeps Asia/Shanghai time (callback times), like dnt for DNT.
  for (const id of sites)
    await saveSite(ch, {
      id,
      name: id,
      domains: ['shop.example'],
      timeZone: id.includes('shanghai') ? 'Asia/Shanghai' : 'UTC',
      respectDnt: id.includes('dnt'),
    });
  await saveSite(ch, {
    id: 'other-site',
    name: 'Other',
    domains: ['other.example'],
    timeZone: 'UTC',
    respectDnt: false,
  });
  const agent = await saveUser(ch, {
    email: 'agent@example.com',
    name: 'Agent',
    role: 'agent',
    siteIds: sites,
    password: 'agent-password',
  });
  const outsider = await saveUser(ch, {
    email: 'out@example.com',
    name: 'Out',
    role: 'marketer',
    siteIds: ['other-site'],
    password: 'outsider-pass',
  });
  const admin = await saveUser(ch, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    siteIds: [],
    password: 'admin-password',
  });
  const tokens = {
    agent: (await createSession(ch, agent.id)).token,
    outsider: (await createSession(ch, outsider.id)).token,
    admin: (await createSession(ch, admin.id)).token,
  };
  // trustProxy: the tests play visitors from real addresses through x-forwarded-for.
  const app = await createApp({ ch, trustProxy: true, flushMs: 2, journalDir: tempDir('journal'), realtime, ...extra });
  const base = await listen(app.server);
  const harness: LiveHarness = {
    ch,
    app,
    base,
    tokens,
    userIds: { agent: agent.id, outsider: outsider.id, admin: admin.id },
    async close() {
      // A test may have restarted the app: close the one running now.
      await harness.app.close();
      await ch.close();
    },
  };
  return harness;
}

const wsBase = (base: string) => base.replace(/^http/, 'ws');

/** An agent socket and everything it has been sent; rejects with the HTTP status of a refused upgrade. */
export async function agentSocket(base: string, token: string | null, site: string) {
  const ws = new WebSocket(`${wsBase(base)}/ws/agent?site=${site}`, {
    headers: token ? { cookie: `lt_session=${token}` } : {},
  });
  const events: ServerToAgent[] = [];
  ws.on('message', (d: Buffer) => events.push(JSON.parse(d.toString()) as ServerToAgent));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  /** The screen an agent would show: the last snapshot with every change after it applied. */
  const visitors = () => {
    const map = new Map<string, LiveVisitor>();
    for (const e of events) {
      if (e.type === 'live.snapshot') map.clear();
      if (e.type === 'live.snapshot' || e.type === 'live.upsert') for (const v of e.visitors) map.set(v.visitorId, v);
      if (e.type === 'live.remove') for (const id of e.visitorIds) map.delete(id);
    }
    return map;
  };
  const total = () => [...events].reverse().find((e) => 'total' in e)?.total;
  return { ws, events, visitors, total };
}

/** A visitor socket; `closing` resolves with the code and reason the server closed it with. */
export async function visitorSocket(
  base: string,
  options: { origin?: string; dnt?: boolean; autoPong?: boolean; ip?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (options.origin) headers['origin'] = options.origin;
  if (options.dnt) headers['dnt'] = '1';
  const ws = new WebSocket(`${wsBase(base)}/ws/visitor`, { headers, autoPong: options.autoPong ?? true });
  const closing = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    ws,
    closing,
    send: (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
}

export function hello(site: string, visitorId: string, url = 'https://shop.example/') {
  return { type: 'hello', site, visitorId, sessionId: `${visitorId}-s1`, url };
}

/** One page view through the real ingest endpoint, from `ip`. */
export function pageview(
  base: string,
  site: string,
  visitorId: string,
  path: string,
  title: string,
  options: { ip?: string; sessionId?: string; query?: string; referrer?: string } = {},
) {
  return collect(
    base,
    {
      site,
      visitorId,
      sessionId: options.sessionId ?? `${visitorId}-s1`,
      events: [
        {
          type: 'pageview',
          url: `https://shop.example${path}${options.query ?? ''}`,
          referrer: options.referrer ?? '',
          title,
        },
      ],
    },
    { 'x-forwarded-for': options.ip ?? '81.2.69.142' },
  );
}

/** An event row as if stored before this process started (a restart, an earlier visit). */
export function storedRow(
  site: string,
  visitorId: string,
  sessionId: string,
  ts: number,
  type: string,
  extra: Partial<EventRow> = {},
): EventRow {
  return blankEvent({
    site_id: site,
    ts,
    event_id: randomUUID(),
    type,
    visitor_id: visitorId,
    session_id: sessionId,
    screen: '',
    language: '',
    country: 'JP',
    region: '13',
    city: 'Tokyo',
    browser: 'Safari',
    browser_version: '17',
    os: 'iOS',
    device: 'mobile',
    ...extra,
  });
}

/** Every chat an agent socket was told of (upserts and snapshots), oldest first. */
export const chatUpserts = (events: ServerToAgent[]) =>
  events.flatMap((e): ChatSummary[] =>
    e.type === 'chat.upsert' ? [e.chat] : e.type === 'chat.snapshot' ? e.chats : [],
  );

/** The bodies of one chat's messages an agent socket was sent. */
export const chatBodies = (events: ServerToAgent[], chatId: string) =>
  events.flatMap((e) => (e.type === 'chat.message' && e.message.chatId === chatId ? [e.message.body] : []));

export const sendJson = (ws: WebSocket, message: object) => ws.send(JSON.stringify(message));

/** What an agent's screen shows of `userId` now: the last snapshot or team change that named them. */
export function seen(events: ServerToAgent[], userId: string): AgentPresence | undefined {
  for (const e of [...events].reverse()) {
    if (e.type === 'chat.snapshot' || e.type === 'agent.list') {
      const found = e.agents.find((a) => a.userId === userId);
      if (found) return found;
    }
  }
  return undefined;
}
