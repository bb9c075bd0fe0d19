interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key: each holds `capacity` tokens and refills continuously at `perMinute`,
 * so a burst up to the capacity passes and then the steady rate does. The one implementation
 * behind ingest's limits (server/ingest/rate-limit.ts) and the realtime hub's
 * (server/realtime/limits.ts); times are the caller's clock, in milliseconds.
 *
 * A bucket untouched until it has refilled is the same as none, so buckets live in two
 * generations: writes go to the current map, which becomes the previous one once a bucket's
 * fill time has passed, when the previous is dropped (all its buckets were last touched that
 * long ago or more). Memory is bounded by the keys of two fill times and never more than
 * 2 × maxKeys: a full current map turns over early (a key-spraying flood then forgets some
 * keys early). No per-call sweep: a V8 Map iterated from the front after deletions walks
 * over every deleted slot, which under address spraying cost more than the request; `sweep`
 * is for timers.
 */
export class TokenBuckets {
  private current = new Map<string, Bucket>();
  private previous = new Map<string, Bucket>();
  private turnedAt: number | undefined;
  private readonly perMs: number;
  private readonly fillMs: number;

  constructor(
    private readonly capacity: number,
    perMinute: number,
    private readonly maxKeys = Number.POSITIVE_INFINITY,
  ) {
    this.perMs = perMinute / 60_000;
    this.fillMs = (capacity * 60_000) / perMinute;
  }

  /** Keys remembered. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  available(key: string, now: number): number {
    const b = this.current.get(key) ?? this.previous.get(key);
    return b ? Math.min(this.capacity, b.tokens + (now - b.at) * this.perMs) : this.capacity;
  }

  /** Milliseconds until `n` tokens are there (0 = now). */
  waitFor(key: string, n: number, now: number): number {
    const missing = n - this.available(key, now);
    return missing <= 0 ? 0 : missing / this.perMs;
  }

  /** Takes `n`, even into debt: callers that must not overdraw ask `waitFor` first. */
  take(key: string, n: number, now: number): void {
    const tokens = this.available(key, now) - n;
    this.turnedAt ??= now;
    if (now - this.turnedAt >= this.fillMs || this.current.size >= this.maxKeys) {
      this.previous = this.current;
      this.current = new Map();
      this.turnedAt = now;
    }
    this.current.set(key, { tokens, at: now });
  }

  /** Takes one token if there is one. */
  tryTake(key: string, now: number): boolean {
    if (this.available(key, now) < 1) return false;
    this.take(key, 1, now);
    return true;
  }

  /** Forgets the buckets that have refilled. */
  sweep(now: number): void {
    for (const map of [this.current, this.previous])
      for (const [key, b] of map) if (b.tokens + (now - b.at) * this.perMs >= this.capacity) map.delete(key);
  }
}
