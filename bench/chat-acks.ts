// How fast a visitor is answered under mixed load (issue 22 #9): page views at a few hundred
// a second over HTTP, 200 visitor sockets, an agent online who closes chats, and every
// visitor leaving an offline message (a lead), asking for a chat with the pre-chat form
// (a chat, a lead and its first message) and sending chat messages. Measured on the
// visitor's side: send → `offline.ok`, send → first `chat.state`, send → the message's echo.
// Goal: lead acknowledgements p95 ≤ 100 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerToVisitor } from '../server/contract/channels.ts';
import { startChild } from './child.ts';
import { percentile } from './query-timer.ts';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}
export interface ChatAcksResult {
  seconds: number;
  pageviewsPerSec: number;
  leads: Latency;
  chats: Latency;
  messages: Latency;
  errors: string[];
}

const SITE = 'bench-site';
const VISITORS = 200;
const PAGEVIEWS_PER_SEC = 300;

const summary = (ms: number[]): Latency => ({
  n: ms.length,
  p50: percentile(ms, 50),
  p95: percentile(ms, 95),
  p99: percentile(ms, 99),
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Visitor {
  id: string;
  ws: WebSocket;
  waiting: Map<string, () => void>;
}
/** Refusals (`chat.error`) seen during a run: the bench must have none. */
let errors: string[] = [];

function connect(wsBase: string, i: number): Promise<Visitor> {
  const id = `ack-visitor-${String(i).padStart(4, '0')}`;
  const ws = new WebSocket(`${wsBase}/ws/visitor`);
  const v: Visitor = { id, ws, waiting: new Map() };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'hello',
          site: SITE,
          visitorId: id,
          sessionId: `${id}-s`,
          url: 'https://bench.example/pricing',
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as ServerToVisitor;
      if (m.type === 'welcome') return resolve(v);
      if (m.type === 'chat.error') {
        errors.push(m.reason);
        for (const done of v.waiting.values()) done();
        v.waiting.clear();
        return;
      }
      const key = m.type === 'chat.message' ? `message:${m.message.messageId}` : m.type;
      const done = v.waiting.get(key);
      v.waiting.delete(key);
      done?.();
    });
  });
}

/** Sends `message` and adds the ms until the reply keyed `key` to `into` (a refusal counts as an error, not a time). */
function timed(v: Visitor, key: string, message: object, into: number[]): Promise<void> {
  const t0 = performance.now();
  const errorsBefore = errors.length;
  const got = new Promise<void>((resolve) =>
    v.waiting.set(key, () => {
      if (errors.length === errorsBefore) into.push(performance.now() - t0);
      resolve();
    }),
  );
  v.ws.send(JSON.stringify(message));
  return got;
}

export async function benchChatAcks(seconds = 20): Promise<ChatAcksResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-acks-'));
  const server = await startChild('scripts/ingest-server.ts', ['--data-dir', dataDir, '--site', SITE, '--bench-agent']);
  const token = server.lines.find((l) => l.startsWith('agent-token '))?.slice('agent-token '.length);
  if (!token) throw new Error('the server printed no agent token');
  const base = `http://127.0.0.1:${server.port}`;
  const wsBase = base.replace('http', 'ws');
  const visitors: Visitor[] = [];
  errors = [];
  let stopLoad = () => undefined as unknown;
  try {
    for (let i = 0; i < VISITORS; i += 50)
      visitors.push(...(await Promise.all(Array.from({ length: 50 }, (_, k) => connect(wsBase, i + k)))));
    const agent = new WebSocket(`${wsBase}/ws/agent?site=${SITE}`, { headers: { cookie: `lt_session=${token}` } });
    await new Promise((resolve, reject) => {
      agent.once('open', resolve);
      agent.once('error', reject);
    });
    agent.send(JSON.stringify({ type: 'agent.status', status: 'online', maxChats: 30 }));
    // The agent closes each chat five seconds after it opens, within its socket's message budget.
    agent.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { type: string; chat?: { chatId: string; status: string } };
      if (m.type === 'chat.upsert' && m.chat?.status === 'open') {
        const chatId = m.chat.chatId;
        setTimeout(
          () => agent.readyState === agent.OPEN && agent.send(JSON.stringify({ type: 'chat.close', chatId })),
          5000 + Math.random() * 1000,
        );
      }
    });

    // Page views from a process of their own (see pageview-load.ts).
    const loader = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/pageview-load.ts',
        '--port',
        String(server.port),
        '--site',
        SITE,
        '--rate',
        String(PAGEVIEWS_PER_SEC),
        '--chatters',
        String(VISITORS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const loaded = new Promise<number>((resolve) => {
      let out = '';
      loader.stdout.on('data', (d: Buffer) => (out += d.toString()));
      loader.once('close', () => resolve(Number(/accepted (\d+)/.exec(out)?.[1] ?? 0)));
    });
    stopLoad = () => loader.kill('SIGTERM');
    const loadStarted = performance.now();
    await pause(2000);

    // Each visitor, at its own moment in the run: an offline message, a chat with the
    // pre-chat form, two messages in it (paced under the per-visitor limit).
    const leads: number[] = [];
    const chats: number[] = [];
    const messages: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      visitors.map(async (v, i) => {
        await pause((i / VISITORS) * seconds * 1000 * 0.6);
        await timed(
          v,
          'offline.ok',
          { type: 'offline.message', name: `Ack ${i}`, email: `ack${i}@bench.example`, message: 'Please call me' },
          leads,
        );
        await pause(2000);
        await timed(
          v,
          'chat.state',
          {
            type: 'chat.request',
            name: `Ack ${i}`,
            email: `ack${i}@bench.example`,
            question: 'Do you ship to Berlin?',
          },
          chats,
        );
        for (let k = 0; k < 2; k++) {
          await pause(1000);
          const messageId = `${v.id}-m${k}`;
          await timed(v, `message:${messageId}`, { type: 'chat.send', messageId, body: `message ${k}` }, messages);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    stopLoad();
    const pageviews = await loaded;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    agent.close();
    return {
      seconds: elapsed,
      pageviewsPerSec: pageviews / loadSeconds,
      leads: summary(leads),
      chats: summary(chats),
      messages: summary(messages),
      errors,
    };
  } finally {
    stopLoad();
    for (const v of visitors) v.ws.terminate();
    await server.stop();
  }
}
