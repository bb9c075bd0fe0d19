/**
 * What one visitor, one address or one site may do over `/ws/visitor`, whatever number of
 * sockets it spreads the work over. The defaults leave a real visitor (a few tabs, a message
 * every couple of seconds, an offline message or two) and an office of hundreds behind one
 * NAT untouched; server/env.ts makes each configurable.
 */
export interface RealtimeLimits {
  /** Chat messages (requests, sends, ratings, offline forms) per site + visitor, sustained. */
  messagesPerMin: number;
  /** …and how many of them may come at once. */
  messageBurst: number;
  /** Offline messages and callback requests (each makes a lead) per site + visitor and hour. */
  leadsPerHour: number;
  /** …and per client address, whatever visitor ids it claims. */
  leadsPerHourPerIp: number;
  /** Open visitor sockets from one client address. */
  socketsPerIp: number;
  /** Open sockets of one site + visitor (tabs). */
  socketsPerVisitor: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = { messagesPerMin: 30, messageBurst: 8, leadsPerHour: 5, leadsPerHourPerIp: 60, socketsPerIp: 200, socketsPerVisitor: 10 };

/**
 * Token buckets by key: `burst` at once, refilled at `perMinute`. A bucket that has refilled
 * is the same as no bucket, so `sweep` drops those: memory follows recent activity only.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly burst: number,
    perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.burst, b.tokens + (t - b.at) * this.perMs) : this.burst;
    if (tokens < 1) {
      if (b) Object.assign(b, { tokens, at: t });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    return true;
  }

  sweep(): void {
    const t = this.now();
    for (const [key, b] of this.buckets) if (b.tokens + (t - b.at) * this.perMs >= this.burst) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Things held per key (open sockets per address, per visitor); a key at zero is forgotten. */
export class KeyedCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes one if the key is below the limit; the caller releases it exactly once. */
  acquire(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }
}
