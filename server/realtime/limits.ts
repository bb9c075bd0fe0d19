import { TokenBuckets } from '../limits/token-buckets.ts';

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
  /** WebRTC signals (offers, answers, ICE candidates) per site + visitor, sustained… */
  callSignalsPerMin: number;
  /** …and at once (a peer's first candidates come together). */
  callSignalBurst: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  messagesPerMin: 30,
  messageBurst: 8,
  leadsPerHour: 5,
  leadsPerHourPerIp: 60,
  socketsPerIp: 200,
  socketsPerVisitor: 10,
  callSignalsPerMin: 120,
  callSignalBurst: 12,
};

/** Token buckets by key on one clock: `burst` at once, refilled at `perMinute`; `sweep` forgets those refilled. */
export class KeyedBuckets {
  private readonly buckets: TokenBuckets;

  constructor(
    burst: number,
    perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new TokenBuckets(burst, perMinute);
  }

  take(key: string): boolean {
    return this.buckets.tryTake(key, this.now());
  }

  sweep(): void {
    this.buckets.sweep(this.now());
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

/** Visitor messages that store something: bounded per site + visitor, not per socket. */
const COUNTED = new Set([
  'chat.request',
  'chat.send',
  'offline.message',
  'callback.request',
  'chat.rate',
  'call.request',
  'chat.transcript',
]);
/** Of those, the ones that make a lead each: bounded per hour, per visitor and per address. */
const MAKES_LEAD = new Set(['offline.message', 'callback.request']);

/** The hub's limits on visitor sockets, in one place; `sweep` now and then keeps memory bounded. */
export class VisitorLimiter {
  private readonly messages: KeyedBuckets;
  private readonly leads: KeyedBuckets;
  private readonly leadsByIp: KeyedBuckets;
  private readonly sockets: KeyedCounter;
  private readonly tabs: KeyedCounter;
  private readonly signals: KeyedBuckets;

  constructor(limits: RealtimeLimits, now: () => number = Date.now) {
    this.messages = new KeyedBuckets(limits.messageBurst, limits.messagesPerMin, now);
    this.leads = new KeyedBuckets(limits.leadsPerHour, limits.leadsPerHour / 60, now);
    this.leadsByIp = new KeyedBuckets(limits.leadsPerHourPerIp, limits.leadsPerHourPerIp / 60, now);
    this.sockets = new KeyedCounter(limits.socketsPerIp);
    this.tabs = new KeyedCounter(limits.socketsPerVisitor);
    this.signals = new KeyedBuckets(limits.callSignalBurst, limits.callSignalsPerMin, now);
  }

  /** A socket from this address, or false; release it when the socket closes. */
  openSocket(ip: string): (() => void) | false {
    return this.sockets.acquire(ip) && (() => this.sockets.release(ip));
  }

  /** A tab of this site + visitor, or false; release it when the socket closes. */
  openTab(visitorKey: string): (() => void) | false {
    return this.tabs.acquire(visitorKey) && (() => this.tabs.release(visitorKey));
  }

  /** Whether a message of this type from this visitor (at this address) may go on now. */
  allow(type: string, visitorKey: string, ip: string): boolean {
    if (COUNTED.has(type) && !this.messages.take(visitorKey)) return false;
    // A call's signals have their own budget: a burst of ICE candidates must not cost the chat its messages.
    if (type === 'call.signal' && !this.signals.take(visitorKey)) return false;
    return !MAKES_LEAD.has(type) || (this.leads.take(visitorKey) && this.leadsByIp.take(ip));
  }

  sweep(): void {
    this.messages.sweep();
    this.leads.sweep();
    this.leadsByIp.sweep();
    this.signals.sweep();
  }
}

export const visitorKey = (siteId: string, visitorId: string): string => `${siteId}\u0000${visitorId}`;
