export interface LimiterSettings {
  /** Failed attempts a key may make before it is locked. */
  limit: number;
  /** A key with no failure for this long (after any lock) starts afresh. */
  windowMs: number;
  /** The first lock; every further lock of the same key doubles it. */
  lockMs: number;
  /** The longest lock. */
  maxLockMs: number;
}

interface Entry {
  /** Attempts counted (reserved before verification, so parallel ones count too). */
  count: number;
  lockedUntil: number;
  /** Locks so far: the next one lasts lockMs · 2^locks. */
  locks: number;
  forgetAt: number;
}

export type Reservation = { ok: true } | { ok: false; waitMs: number };

const MAX_KEYS = 50_000;

/**
 * Sign-in attempt counter with progressive locks. An attempt is reserved before the
 * password is checked: scrypt takes a while, and counting only after it let parallel
 * guesses through the limit. After `limit` attempts the key is locked for
 * lockMs; once that ends it gets one more try, and each further failure doubles the lock
 * up to maxLockMs. In memory: one process serves all sign-ins, and a restart forgetting
 * the counts is acceptable.
 */
export class AttemptLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly settings: LimiterSettings) {}

  /** Counts one attempt for `key`, or says how long it must wait (the attempt is then not counted). */
  reserve(key: string, now = Date.now()): Reservation {
    let entry = this.entries.get(key);
    if (entry && entry.forgetAt <= now && entry.lockedUntil <= now) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      if (this.entries.size >= MAX_KEYS) this.prune(now);
      entry = { count: 0, lockedUntil: 0, locks: 0, forgetAt: 0 };
      this.entries.set(key, entry);
    }
    if (entry.lockedUntil > now) return { ok: false, waitMs: entry.lockedUntil - now };
    const { limit, lockMs, maxLockMs, windowMs } = this.settings;
    if (entry.count >= limit) {
      entry.lockedUntil = now + Math.min(maxLockMs, lockMs * 2 ** entry.locks);
      entry.locks += 1;
      // After the lock one more attempt is allowed, not a fresh allowance.
      entry.count = limit - 1;
      entry.forgetAt = entry.lockedUntil + windowMs;
      return { ok: false, waitMs: entry.lockedUntil - now };
    }
    entry.count += 1;
    entry.forgetAt = Math.max(entry.lockedUntil, now) + windowMs;
    return { ok: true };
  }

  /** The attempt succeeded: forget the key's failures (for a key naming one account). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Gives a reserved attempt back (it succeeded, or another limit refused it before the check). */
  refund(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries)
      if (entry.forgetAt <= now && entry.lockedUntil <= now) this.entries.delete(key);
    // Still full (a flood of distinct keys): drop the oldest, which are the least likely to be locked now.
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_KEYS * 0.9) break;
      this.entries.delete(key);
    }
  }
}
