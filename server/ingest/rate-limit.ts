/** Events a minute per client address and per site; 0 turns that limit off. */
export interface IngestRates {
  ipPerMin: number;
  sitePerMin: number;
}

export interface RateLimiterOptions {
  /** Addresses remembered per generation (there are two); beyond it the older generation is forgotten early. */
  maxKeys?: number;
  /** Monotonic milliseconds; tests pass their own clock. */
  now?: () => number;
}

const MINUTE = 60_000;

/**
 * Token buckets by key: each holds a minute's worth of events and refills continuously, so a
 * burst up to the limit passes and then the steady rate does. A bucket untouched for a minute
 * is full again, the same as having none, so buckets live in two generations: writes go to the
 * current map, which becomes the previous one every minute, when the previous is dropped (all
 * its buckets were last touched a minute ago or more). Memory is bounded by the keys of the last
 * two minutes, and never more than 2 × maxKeys: a full current map turns over early (an
 * address-spraying flood then forgets some addresses early; the site's bucket still holds such
 * a flood back). No per-request sweep: a V8 Map iterated from the front after deletions walks
 * over every deleted slot, which under address spraying cost more than the request.
 */
class Buckets {
  private current = new Map<string, { tokens: number; at: number }>();
  private previous = new Map<string, { tokens: number; at: number }>();
  private turnedAt: number | undefined;
  private readonly perMs: number;

  constructor(
    private readonly perMin: number,
    private readonly maxKeys: number,
  ) {
    this.perMs = perMin / MINUTE;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  available(key: string, now: number): number {
    const b = this.current.get(key) ?? this.previous.get(key);
    return b ? Math.min(this.perMin, b.tokens + (now - b.at) * this.perMs) : this.perMin;
  }

  /** Milliseconds until `n` events fit (0 = now). */
  waitFor(key: string, n: number, now: number): number {
    const missing = n - this.available(key, now);
    return missing <= 0 ? 0 : missing / this.perMs;
  }

  take(key: string, n: number, now: number): void {
    const tokens = this.available(key, now) - n;
    this.turnedAt ??= now;
    if (now - this.turnedAt >= MINUTE || this.current.size >= this.maxKeys) {
      this.previous = this.current;
      this.current = new Map();
      this.turnedAt = now;
    }
    this.current.set(key, { tokens, at: now });
  }
}

/** Who answers for a request: an IPv4 address, or the /64 network of an IPv6 one (one host's usual share). */
export function addressKey(ip: string): string {
  const address = ip.slice(0, 64).split('%')[0]?.toLowerCase() ?? '';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}

export type RateVerdict = { ok: true } | { ok: false; limit: 'ip' | 'site'; retryAfterSeconds: number };

/** The /api/collect limits: events per address and per site, counted in events, not requests. */
export class IngestRateLimiter {
  private readonly ip: Buckets | undefined;
  private readonly site: Buckets | undefined;
  private readonly now: () => number;

  constructor(rates: IngestRates, options: RateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 50_000;
    this.ip = rates.ipPerMin > 0 ? new Buckets(rates.ipPerMin, maxKeys) : undefined;
    this.site = rates.sitePerMin > 0 ? new Buckets(rates.sitePerMin, maxKeys) : undefined;
    this.now = options.now ?? (() => performance.now());
  }

  /** Addresses and sites currently remembered. */
  get size(): { ip: number; site: number } {
    return { ip: this.ip?.size ?? 0, site: this.site?.size ?? 0 };
  }

  /** Before the body is read: refuses an address with nothing left, so a flood costs no parsing. */
  admit(ip: string): RateVerdict {
    return this.verdict('ip', this.ip?.waitFor(addressKey(ip), 1, this.now()) ?? 0);
  }

  /** Takes `events` from both the address and the site, or from neither. */
  take(ip: string, siteId: string, events: number): RateVerdict {
    const now = this.now();
    const key = addressKey(ip);
    const byIp = this.verdict('ip', this.ip?.waitFor(key, events, now) ?? 0);
    if (!byIp.ok) return byIp;
    const bySite = this.verdict('site', this.site?.waitFor(siteId, events, now) ?? 0);
    if (!bySite.ok) return bySite;
    this.ip?.take(key, events, now);
    this.site?.take(siteId, events, now);
    return byIp;
  }

  /** A refused request still costs its address one event, so junk floods run dry too. */
  charge(ip: string): void {
    this.ip?.take(addressKey(ip), 1, this.now());
  }

  private verdict(limit: 'ip' | 'site', waitMs: number): RateVerdict {
    return waitMs <= 0 ? { ok: true } : { ok: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
