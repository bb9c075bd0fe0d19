// N concurrent visitor sockets on loopback against one server process (the hub with its
// heartbeats), then invitation and chat-message delivery latency at that load.
// Goals: 10,000 visitors with server RSS ≤ 1 GB; invitation delivery p99 ≤ 100 ms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerToVisitor } from '../server/contract/channels.ts';
import { startChild } from './child.ts';
import { percentile } from './query-timer.ts';

export interface RealtimeResult {
  visitors: number;
  connectSeconds: number;
  rssMb: number;
  invites: { n: number; p50: number; p99: number };
  messages: { n: number; p50: number; p99: number };
}

const SITE = 'bench-site';
const CONNECTS_AT_ONCE = 500;
const AGENT_PACE_MS = 60;

interface Visitor {
  id: string;
  ws: WebSocket;
  /** Resolves the next message of a type the bench waits for. */
  waiting: Map<string, (m: ServerToVisitor) => void>;
}

function connectVisitor(wsBase: string, i: number): Promise<Visitor> {
  const id = `bench-visitor-${String(i).padStart(6, '0')}`;
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

const next = (v: Visitor, key: string) => new Promise<ServerToVisitor>((resolve) => v.waiting.set(key, resolve));

export async function benchRealtime(count = 10_000, samples = 300): Promise<RealtimeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-rt-'));
  const server = await startChild('scripts/ingest-server.ts', ['--data-dir', dataDir, '--site', SITE, '--bench-agent']);
  const token = server.lines.find((l) => l.startsWith('agent-token '))?.slice('agent-token '.length);
  if (!token) throw new Error('the server printed no agent token');
  const wsBase = `ws://127.0.0.1:${server.port}`;
  const visitors: Visitor[] = [];
  try {
    const started = performance.now();
    for (let i = 0; i < count; i += CONNECTS_AT_ONCE) {
      visitors.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(CONNECTS_AT_ONCE, count - i) }, (_, k) => connectVisitor(wsBase, i + k)),
        )),
      );
    }
    const connectSeconds = (performance.now() - started) / 1000;

    const agent = new WebSocket(`${wsBase}/ws/agent?site=${SITE}`, { headers: { cookie: `lt_session=${token}` } });
    await new Promise((resolve, reject) => {
      agent.once('open', resolve);
      agent.once('error', reject);
    });
    agent.send(JSON.stringify({ type: 'agent.status', status: 'online', maxChats: 30 }));

    // Invitations to visitors spread over the whole crowd, at the pace the hub allows one
    // agent (its socket is cut beyond 20 messages a second).
    const inviteMs: number[] = [];
    const picks = Array.from({ length: samples }, (_, k) => visitors[Math.floor((k * visitors.length) / samples)]!);
    await Promise.all(
      picks.map(async (v, k) => {
        await new Promise((r) => setTimeout(r, k * AGENT_PACE_MS));
        const shown = next(v, 'invite');
        const t0 = performance.now();
        agent.send(JSON.stringify({ type: 'invite', visitorId: v.id, message: 'Hi! Can I help?' }));
        await shown;
        inviteMs.push(performance.now() - t0);
      }),
    );

    // Agent → visitor messages in 20 open chats (each one is stored before it is delivered).
    const chats = picks.slice(0, 20);
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
      if (inv.type !== 'invite') continue;
      const open = next(v, 'chat.state');
      v.ws.send(JSON.stringify({ type: 'invite.accept', invitationId: inv.invitationId }));
      await open;
    }
    await new Promise((r) => setTimeout(r, 200));
    const messageMs: number[] = [];
    for (let round = 0; round < 10; round++) {
      await new Promise((r) => setTimeout(r, chats.length * AGENT_PACE_MS));
      await Promise.all(
        chats.map(async (v, k) => {
          const chatId = chatIds.get(v.id);
          if (!chatId) return;
          const body = `reply ${round}-${k}`;
          const got = next(v, `message:${body}`);
          const t0 = performance.now();
          agent.send(
            JSON.stringify({ type: 'chat.send', chatId, messageId: `bench-${round}-${k}-${Date.now()}`, body }),
          );
          await got;
          messageMs.push(performance.now() - t0);
        }),
      );
    }
    const rssMb = server.rssMb();
    agent.close();
    return {
      visitors: visitors.length,
      connectSeconds,
      rssMb,
      invites: { n: inviteMs.length, p50: percentile(inviteMs, 50), p99: percentile(inviteMs, 99) },
      messages: { n: messageMs.length, p50: percentile(messageMs, 50), p99: percentile(messageMs, 99) },
    };
  } finally {
    for (const v of visitors) v.ws.terminate();
    await server.stop();
  }
}
