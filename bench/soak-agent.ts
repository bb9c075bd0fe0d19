import WebSocket from 'ws';

/**
 * The soak's agent: online with 30 chat slots, closing each chat a few seconds after it
 * opens. Its socket dies with every kill; it comes back with the session of the new
 * server process (the bench agent is made again at every start).
 */
export class AgentClient {
  private ws: WebSocket | undefined;
  private closing = false;

  constructor(
    private readonly base: string,
    private readonly site: string,
    private token: string,
  ) {
    this.connect();
  }

  reconnect(token: string): void {
    this.token = token;
    this.ws?.terminate();
    this.connect();
  }

  close(): void {
    this.closing = true;
    this.ws?.close();
  }

  private connect(): void {
    const ws = new WebSocket(`${this.base.replace('http', 'ws')}/ws/agent?site=${this.site}`, {
      headers: { cookie: `lt_session=${this.token}` },
    });
    this.ws = ws;
    ws.on('error', () => undefined);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'agent.status', status: 'online', maxChats: 30 })));
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { type: string; chat?: { chatId: string; status: string } };
      if (m.type !== 'chat.upsert' || m.chat?.status !== 'open') return;
      const chatId = m.chat.chatId;
      setTimeout(
        () => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ type: 'chat.close', chatId })),
        4000 + Math.random() * 2000,
      );
    });
    // A socket refused while the new process was still starting tries again.
    ws.on('close', () => {
      if (!this.closing && this.ws === ws) setTimeout(() => this.ws === ws && this.connect(), 500);
    });
  }
}
