import WebSocket from 'ws';
import type { ServerToVisitor, VisitorChat } from '../server/contract/channels.ts';
import type { Acked } from './soak-count.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Offline messages per visitor: the hub allows 5 leads an hour per visitor. */
const OFFLINE_MESSAGES = 2;
const MESSAGES_PER_CHAT = 2;
/** Paced under the hub's 30 counted messages a minute per visitor. */
const STEP_MS = 2500;

class Disconnected extends Error {}

/**
 * One soak visitor, acting as the widget does: it says hello with the token of its chat,
 * catches up after the last message it has shown, and after a kill it reconnects and sends
 * an unanswered chat message again under the same id. It records what the server
 * acknowledged: an offline message by `offline.ok`, a chat request (its lead and question)
 * by the `chat.state` that carries the token, a chat message by its echo.
 */
export class SoakVisitor {
  readonly id: string;
  private ws: WebSocket | undefined;
  private token = '';
  private chat: VisitorChat | null = null;
  private lastSeq = 0;
  private listeners = new Set<(m: ServerToVisitor | null) => void>();

  constructor(
    private readonly base: string,
    private readonly site: string,
    index: number,
    private readonly acked: Acked,
  ) {
    this.id = `soak-visitor-${String(index).padStart(4, '0')}`;
  }

  async run(running: () => boolean, delayMs: number): Promise<void> {
    await pause(delayMs);
    for (let n = 0; running(); n++) {
      try {
        await this.cycle(n);
      } catch (error) {
        if (!(error instanceof Disconnected)) throw error;
        // The server went away: what was not acknowledged is not promised. Wait and go on.
        await pause(500);
      }
    }
    this.ws?.close();
  }

  private async cycle(n: number): Promise<void> {
    await this.connected();
    if (n < OFFLINE_MESSAGES) {
      const marker = `soak-offline-${this.id}-${n}`;
      this.send({ type: 'offline.message', name: `Soak ${this.id}`, email: '', message: marker });
      const reply = await this.next((m) => m.type === 'offline.ok' || m.type === 'chat.error');
      if (reply.type === 'offline.ok') this.acked.leads.push(marker);
      await pause(STEP_MS);
    }
    if (!this.chat || this.chat.status === 'closed') {
      const question = `soak-q-${this.id}-${n}`;
      const email = `${this.id}-${n}@soak.example`;
      this.send({ type: 'chat.request', name: `Soak ${this.id}`, email, question });
      const reply = await this.next(
        (m) => (m.type === 'chat.state' && m.chat !== null && m.chat.status !== 'closed') || m.type === 'chat.error',
      );
      if (reply.type !== 'chat.state' || !reply.chat) {
        await pause(STEP_MS);
        return;
      }
      this.acked.chats.push({ chatId: reply.chat.chatId, question, email });
    }
    for (let k = 0; k < MESSAGES_PER_CHAT; k++) {
      await pause(STEP_MS);
      await this.sendMessage(`${this.id}-${n}-${k}`);
    }
    if (this.chat && this.chat.status !== 'closed') this.send({ type: 'chat.end' });
    await pause(STEP_MS);
  }

  /** Sends until the echo comes, again after a reconnect; gives up if the chat is gone. */
  private async sendMessage(messageId: string): Promise<void> {
    for (;;) {
      if (!this.chat || this.chat.status === 'closed') return;
      try {
        this.send({ type: 'chat.send', messageId, body: `message ${messageId}` });
        const reply = await this.next(
          (m) => (m.type === 'chat.message' && m.message.messageId === messageId) || m.type === 'chat.error',
        );
        if (reply.type === 'chat.message') this.acked.messages.push(messageId);
        return;
      } catch (error) {
        if (!(error instanceof Disconnected)) throw error;
        await pause(500);
        await this.connected();
      }
    }
  }

  private send(message: object): void {
    if (this.ws?.readyState !== WebSocket.OPEN) throw new Disconnected();
    this.ws.send(JSON.stringify(message));
  }

  /** The next message that passes `test` (after any already seen); Disconnected if the socket closes first. */
  private next(test: (m: ServerToVisitor) => boolean, timeoutMs = 15_000): Promise<ServerToVisitor> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(null), timeoutMs);
      const done = (m: ServerToVisitor | null) => {
        if (m && !test(m)) return;
        clearTimeout(timer);
        this.listeners.delete(done);
        if (m) resolve(m);
        else reject(new Disconnected());
      };
      this.listeners.add(done);
    });
  }

  private async connected(): Promise<void> {
    for (;;) {
      if (this.ws?.readyState === WebSocket.OPEN) return;
      try {
        await this.open();
        return;
      } catch {
        await pause(300);
      }
    }
  }

  private open(): Promise<void> {
    const ws = new WebSocket(`${this.base.replace('http', 'ws')}/ws/visitor`);
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as ServerToVisitor;
      if (m.type === 'chat.state') {
        this.chat = m.chat;
        if (m.token) this.token = m.token;
        if (!m.chat) this.lastSeq = 0;
      }
      if (m.type === 'chat.message') this.lastSeq = Math.max(this.lastSeq, m.message.seq);
      for (const listener of [...this.listeners]) listener(m);
    });
    ws.on('close', () => {
      for (const listener of [...this.listeners]) listener(null);
    });
    ws.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      ws.once('close', () => reject(new Disconnected()));
      ws.once('open', () => {
        ws.send(
          JSON.stringify({
            type: 'hello',
            site: this.site,
            visitorId: this.id,
            sessionId: `${this.id}-s`,
            url: 'https://bench.example/pricing',
            ...(this.token ? { chatToken: this.token } : {}),
          }),
        );
        void this.next((m) => m.type === 'welcome')
          .then(() => {
            // Catch up on the chat as the widget does; the state that answers is the chat as the server has it now.
            this.send({ type: 'chat.sync', afterSeq: this.lastSeq, ...(this.token ? { chatToken: this.token } : {}) });
            return this.next((m) => m.type === 'chat.state');
          })
          .then(() => resolve(), reject);
      });
    });
  }
}
