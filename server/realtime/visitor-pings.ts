import type { WebSocket } from 'ws';

const PING_SLICES = 15;

/**
 * Pings visitor sockets that went silent, a slice at a time: ten thousand pings (and their
 * pongs) in one burst would stall every other message for hundreds of milliseconds. A page
 * whose snippet beats on its own is not pinged at all (50,000 of them were 3,300 writes a
 * second for nothing); a throttled background tab is, and answers at most 2 × pingMs after
 * it was last heard, well within presence's heartbeat timeout.
 */
export class VisitorPings {
  /** Each open visitor socket and when it was last heard from (any message or pong). */
  private readonly heardAt = new Map<WebSocket, number>();
  private readonly timer: NodeJS.Timeout;
  private tick = 0;

  constructor(private readonly pingMs: number) {
    this.timer = setInterval(() => this.pingSlice(), pingMs / PING_SLICES);
    this.timer.unref();
  }

  heard(ws: WebSocket): void {
    this.heardAt.set(ws, Date.now());
  }

  forget(ws: WebSocket): void {
    this.heardAt.delete(ws);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private pingSlice(): void {
    const slice = this.tick++ % PING_SLICES;
    const silentSince = Date.now() - this.pingMs;
    let i = 0;
    for (const [ws, at] of this.heardAt) if (i++ % PING_SLICES === slice && at <= silentSince) ws.ping();
  }
}
