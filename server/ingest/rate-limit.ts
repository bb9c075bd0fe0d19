import { TokenBuckets } from '../limits/token-buckets.ts';

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

/** Who answers for a request: an IPv4 address, or the /64 network of an IPv6 one (one host's usual share). */
export function addressKey(ip: string): string {
  const address = ip.slice(0, 64).split('%')[0]?.toLowerCase() ?? '';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

export type RateVerdict = { ok: true } | { ok: false; limit: 'ip' | 'site'; retryAfterSeconds: number };

/** The /api/collect limits: events per address and per site, counted in events, not requests. */
export class IngestRateLimiter {
  private readonly ip: TokenBuckets | undefined;
  private readonly site: TokenBuckets | undefined;
  private readonly now: () => number;

  constructor(rates: IngestRates, options: RateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 50_000;
    // Each bucket holds a minute's worth of events: a burst up to the limit, then the steady rate.
    this.ip = rates.ipPerMin > 0 ? new TokenBuckets(rates.ipPerMin, rates.ipPerMin, maxKeys) : undefined;
    this.site = rates.sitePerMin > 0 ? new TokenBuckets(rates.sitePerMin, rates.sitePerMin, maxKeys) : undefined;
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
