// N concurrent visitor sockets on loopback against one server process (the hub with its
// heartbeats), then invitation and chat-message delivery latency at that load.
// Goals (issue 21 #6): 50,000 visitors with server RSS ≤ 2 GB, invitation p99 ≤ 50 ms, an
// agent's message (stored first) p99 ≤ 100 ms.
// The crowd lives in child processes (bench/realtime-crowd.ts), each under its open-file
// limit, spread over loopback source addresses (one has ~28k ephemeral ports towards the
// server); the measured visitors and the agent live here, so every time is taken on one clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { ServerToVisitor } from '../server/contract/channels.ts';
import { childCommand, hardFdLimit, startChild } from './child.ts';
import { percentile } from './query-timer.ts';

export interface RealtimeResult {
  visitors: number;
  connectSeconds: number;
  /** Server RSS before any socket, and with the crowd connected after the measurements. */
  idleRssMb: number;
  rssMb: number;
  serverFds: number;
  invites: { n: number; lost: number; p50: number; p99: number };
  messages: { n: number; lost: number; p50: number; p99: number };
  /** 1-minute load average before the crowd connected and at the end. */
  load: [number, number];
  /** The server's event-loop delay while invitations and messages were timed: worst 5 s window's p99, and max (ms). */
  loopDelay: { p99: number; max: number };
}

const SITE = 'bench-site';
const CONNECTS_AT_ONCE = 250;
const AGENT_PACE_MS = 60;
/** Sockets per crowd process: well under a common hard limit of 20k open files. */
const PER_PROCESS = 10_000;
/** Sockets per source address: under the ~28k ephemeral ports (32768–60999) one address has. */
const PER_ADDRESS = 20_000;
/** Files the server holds besides visitor sockets (the store's parts, the journal, the agent). */
const SERVER_FDS = 300;
const WAIT_MS = 10_000;

interface Visitor {
  id: string;
  ws: WebSocket;
  /** Resolves the next message of a type the bench waits for. */
  waiting: Map<string, (m: ServerToVisitor) => void>;
}

const visitorId = (i: number) => `bench-visitor-${String(i).padStart(6, '0')}`;

function connectVisitor(wsBase: string, i: number): Promise<Visitor> {
  const id = visitorId(i);
  const ws = new WebSocket(`${wsBase}/ws/visitor`, { localAddress: '127.0.0.1' });
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
      const key = m.type === 'chat.message' ? `message:${m.message.body}` : m.type;
      v.waiting.get(key)?.(m);
      v.waiting.delete(key);
    });
    // The snippet's own heartbeat, as a real page sends it.
    const beat = setInterval(() => ws.readyState === ws.OPEN && ws.send('{"type":"ping"}'), 15_000);
    ws.on('close', (code, reason) => {
      clearInterval(beat);
      reject(new Error(`visitor socket closed: ${code} ${reason.toString()}`));
    });
  });
}

/** The next message of that key, or null after WAIT_MS (counted as lost). */
const next = (v: Visitor, key: string) =>
  new Promise<ServerToVisitor | null>((resolve) => {
    const timer = setTimeout(() => {
      v.waiting.delete(key);
      resolve(null);
    }, WAIT_MS);
    v.waiting.set(key, (m) => {
      clearTimeout(timer);
      resolve(m);
    });
  });

/** Starts the crowd's processes; resolves once every one of them has all its sockets open. */
async function startCrowd(port: number, count: number): Promise<ChildProcess[]> {
  const addressCount = Math.max(2, Math.ceil(count / PER_ADDRESS));
  const addresses = Array.from({ length: addressCount }, (_, k) => `127.0.0.${k + 2}`).join(',');
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let from = 0; from < count; from += PER_PROCESS) {
    const [command, argv] = childCommand(
      'bench/realtime-crowd.ts',
      [
        ...['--port', String(port), '--site', SITE, '--from', String(from)],
        ...['--count', String(Math.min(PER_PROCESS, count - from)), '--addresses', addresses],
        ...['--at-once', String(CONNECTS_AT_ONCE)],
      ],
      true,
    );
    const child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`a crowd process exited (${code})`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('connected ')) resolve();
          else if (line.startsWith('failed ')) reject(new Error(`crowd: ${line}`));
        });
      }),
    );
  }
  try {
    await Promise.all(ready);
  } catch (error) {
    stopCrowd(children);
    throw error;
  }
  return children;
}

function stopCrowd(children: ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

/**
 * `serverDir`: another checkout whose server to measure (the before of a side-by-side run);
 * `profileDir`: where the server writes a CPU profile (node --cpu-prof) when it stops.
 */
export async function benchRealtime(
  count = 10_000,
  samples = 300,
  serverDir?: string,
  profileDir?: string,
): Promise<RealtimeResult> {
  const limit = hardFdLimit();
  if (count + SERVER_FDS > limit)
    throw new Error(
      `${count.toLocaleString('en')} sockets need more open files than this machine lets one process have ` +
        `(hard limit ${limit.toLocaleString('en')}; raising it takes CAP_SYS_RESOURCE, e.g. LimitNOFILE in systemd)`,
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-rt-'));
  const server = await startChild(
    'scripts/ingest-server.ts',
    ['--data-dir', dataDir, '--site', SITE, '--bench-agent'],
    serverDir,
    { raiseFdLimit: true, nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
  );
  const token = server.lines.find((l) => l.startsWith('agent-token '))?.slice('agent-token '.length);
  if (!token) throw new Error('the server printed no agent token');
  const wsBase = `ws://127.0.0.1:${server.port}`;
  const visitors: Visitor[] = [];
  let crowd: ChildProcess[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    const idleRssMb = server.rssMb();
    const started = performance.now();
    crowd = await startCrowd(server.port, count - samples);
    for (let i = count - samples; i < count; i += CONNECTS_AT_ONCE) {
      visitors.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(CONNECTS_AT_ONCE, count - i) }, (_, k) => connectVisitor(wsBase, i + k)),
        )),
      );
    }
    const connectSeconds = (performance.now() - started) / 1000;

    const measuredFrom = server.lines.length;
    const agent = new WebSocket(`${wsBase}/ws/agent?site=${SITE}`, { headers: { cookie: `lt_session=${token}` } });
    await new Promise((resolve, reject) => {
      agent.once('open', resolve);
      agent.once('error', reject);
    });
    agent.send(JSON.stringify({ type: 'agent.status', status: 'online', maxChats: 30 }));

    // Invitations at the pace the hub allows one agent (its socket is cut beyond 20 messages a second).
    const inviteMs: number[] = [];
    let invitesLost = 0;
    await Promise.all(
      visitors.map(async (v, k) => {
        await new Promise((r) => setTimeout(r, k * AGENT_PACE_MS));
        const shown = next(v, 'invite');
        const t0 = performance.now();
        agent.send(JSON.stringify({ type: 'invite', visitorId: v.id, message: 'Hi! Can I help?' }));
        if (await shown) inviteMs.push(performance.now() - t0);
        else invitesLost++;
      }),
    );

    // Agent → visitor messages in 20 open chats (each one is stored before it is delivered).
    const chats = visitors.slice(0, 20);
    const chatIds = new Map<string, string>();
    agent.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as {
        type: string;
        chat?: { chatId: string; visitorId: string; status: string };
      };
      if (m.type === 'chat.upsert' && m.chat?.status === 'open') chatIds.set(m.chat.visitorId, m.chat.chatId);
    });
    for (const v of chats) {
      await new Promise((r) => setTimeout(r, 2 * AGENT_PACE_MS));
      const invited = next(v, 'invite');
      agent.send(JSON.stringify({ type: 'invite', visitorId: v.id, message: '' }));
      const inv = await invited;
      if (inv?.type !== 'invite') continue;
      const open = next(v, 'chat.state');
      v.ws.send(JSON.stringify({ type: 'invite.accept', invitationId: inv.invitationId }));
      await open;
    }
    await new Promise((r) => setTimeout(r, 200));
    const messageMs: number[] = [];
    let messagesLost = 0;
    for (let round = 0; round < 10; round++) {
      await new Promise((r) => setTimeout(r, chats.length * AGENT_PACE_MS));
      await Promise.all(
        chats.map(async (v, k) => {
          const chatId = chatIds.get(v.id);
          if (!chatId) return void messagesLost++;
          const body = `reply ${round}-${k}`;
          const got = next(v, `message:${body}`);
          const t0 = performance.now();
          agent.send(
            JSON.stringify({ type: 'chat.send', chatId, messageId: `bench-${round}-${k}-${Date.now()}`, body }),
          );
          if (await got) messageMs.push(performance.now() - t0);
          else messagesLost++;
        }),
      );
    }
    const rssMb = server.rssMb();
    const serverFds = server.fds();
    const delays = server.lines
      .slice(measuredFrom)
      .flatMap((l) => (l.startsWith('loop-delay ') ? [l.split(' ').slice(1).map(Number)] : []));
    agent.close();
    const stats = (ms: number[], lost: number) => ({
      n: ms.length,
      lost,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
    });
    return {
      visitors: visitors.length + count - samples,
      connectSeconds,
      idleRssMb,
      rssMb,
      serverFds,
      invites: stats(inviteMs, invitesLost),
      messages: stats(messageMs, messagesLost),
      load: [loadBefore, loadavg()[0]!],
      loopDelay: {
        p99: Math.max(0, ...delays.map(([p99]) => p99 ?? 0)),
        max: Math.max(0, ...delays.map(([, max]) => max ?? 0)),
      },
    };
  } finally {
    stopCrowd(crowd);
    for (const v of visitors) v.ws.terminate();
    await server.stop();
  }
}
