import type { EventRow } from '../../clickhouse/rows.ts';
import type { Enriched } from '../ingest/enrich.ts';
import type { VisitFacts } from '../queries/visit-facts.ts';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import {
  applyFacts,
  applyStoredEvent,
  liveRow,
  newEntry,
  startSession,
  type LiveEntry as Entry,
  type LiveSocket as Socket,
} from './live-entry.ts';
import { VisitLookups, type VisitLookup } from './visit-lookups.ts';

export interface PresenceTimings {
  /** An open visitor socket without a heartbeat (message or pong) for this long is dead. */
  heartbeatTimeoutMs: number;
  /** After a visitor's last socket closes: a full page load reconnects well within it. */
  graceMs: number;
  /** A visitor that never opened a socket stays this long after its last stored event. */
  eventTtlMs: number;
  /** How often changes are pushed (coalesced per site) and timeouts checked. */
  tickMs: number;
}

export const DEFAULT_PRESENCE_TIMINGS: PresenceTimings = {
  heartbeatTimeoutMs: 45_000,
  graceMs: 10_000,
  eventTtlMs: 60_000,
  tickMs: 200,
};

export type { VisitLookup } from './visit-lookups.ts';

/** A visitor socket as presence sees it. */
export interface PresenceConnection {
  beat(): void;
  close(): void;
}

// Engagement and exit intent are sent on the way out: alone, they must not bring back a
// visitor who has just left.
const ARRIVING = new Set(['pageview', 'custom', 'identify', 'order', 'outbound']);
// The first sighting of a visitor costs a share of a ClickHouse read (visit-lookups.ts). One
// read at a time (two statements: facts and names) leaves the embedded engine's third session
// to chat inserts; at ≤ 500 visitors per ~30 ms read it still takes thousands a second.
const LOOKUPS_AT_ONCE = 1;
const VISITORS_PER_LOOKUP = 500;

/**
 * Who is on each site right now. Fed by stored ingest events (trail, identity) and by
 * visitor sockets (liveness); changes are coalesced and published on the bus once per tick.
 */
export class Presence {
  private readonly sites = new Map<string, Map<string, Entry>>();
  private readonly dirty = new Map<string, { upserts: Set<string>; removes: Set<string> }>();
  private readonly lookups: VisitLookups;
  private readonly timings: PresenceTimings;
  private readonly bus: RealtimeBus;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(options: {
    lookup: VisitLookup;
    bus?: RealtimeBus;
    timings?: Partial<PresenceTimings>;
    now?: () => number;
    autoTick?: boolean;
  }) {
    this.lookups = new VisitLookups(options.lookup, LOOKUPS_AT_ONCE, VISITORS_PER_LOOKUP);
    this.bus = options.bus ?? realtimeBus();
    this.timings = { ...DEFAULT_PRESENCE_TIMINGS, ...options.timings };
    this.now = options.now ?? Date.now;
    if (options.autoTick !== false) {
      this.timer = setInterval(() => this.tick(), this.timings.tickMs);
      this.timer.unref();
    }
  }

  /** Most recently active first, capped, with the full count. */
  snapshot(siteId: string, cap: number): { visitors: LiveVisitor[]; total: number } {
    const shown = [...(this.sites.get(siteId)?.values() ?? [])]
      .filter((e) => e.stored)
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    return { visitors: shown.slice(0, cap).map((e) => liveRow(e)), total: shown.length };
  }

  /** One visitor as the Live screen shows them; null when not on the site (or nothing stored yet). */
  visitor(siteId: string, visitorId: string): LiveVisitor | null {
    const entry = this.sites.get(siteId)?.get(visitorId);
    return entry?.stored ? liveRow(entry) : null;
  }

  count(siteId: string): number {
    let n = 0;
    for (const e of this.sites.get(siteId)?.values() ?? []) if (e.stored) n++;
    return n;
  }

  /** Rows the ingest endpoint has stored (never refused ones). */
  onStored(rows: Enriched, siteId: string): void {
    // Called from the ingest request: a presence bug must not fail an accepted request.
    try {
      for (const row of rows.events) this.applyEvent(siteId, row);
      for (const identity of rows.identities) {
        const entry = this.sites.get(siteId)?.get(identity.visitor_id);
        const name = identity.name || identity.email || identity.phone;
        if (entry && name) {
          entry.name = name;
          this.mark(entry);
          // An email or phone may join a person known by name (an imported customer, another browser).
          if (!identity.name) this.enqueueNameLookup(entry);
        }
      }
    } catch (error) {
      console.error('presence: stored rows not applied', error);
    }
  }

  /** Erased visitors leave the Live screen at the next tick; if they browse on they come back as new. */
  forget(siteId: string, visitorIds: readonly string[]): void {
    const site = this.sites.get(siteId);
    for (const id of visitorIds) {
      const entry = site?.get(id);
      if (!entry) continue;
      site?.delete(id);
      this.mark(entry, true);
    }
  }

  /** A visitor socket said hello. `onLapse` is called when its heartbeats stop. */
  connect(hello: { siteId: string; visitorId: string; sessionId: string }, onLapse: () => void): PresenceConnection {
    const entry =
      this.sites.get(hello.siteId)?.get(hello.visitorId) ?? this.create(hello.siteId, hello.visitorId, hello.sessionId);
    const socket: Socket = { lastBeat: this.now(), onLapse };
    entry.sockets.add(socket);
    entry.hadSocket = true;
    if (entry.sockets.size === 1) this.mark(entry);
    return {
      beat: () => void (socket.lastBeat = this.now()),
      close: () => this.release(entry, socket, this.now()),
    };
  }

  /** Times visitors out, then publishes what changed since the last tick, one message per site. */
  tick(): void {
    const now = this.now();
    for (const site of this.sites.values()) for (const entry of site.values()) this.expire(entry, now);
    for (const [siteId, d] of this.dirty) {
      const site = this.sites.get(siteId);
      const upserts = [...d.upserts].flatMap((id) => {
        const entry = site?.get(id);
        return entry?.stored ? [liveRow(entry)] : [];
      });
      if (upserts.length || d.removes.size)
        this.bus.publish('presence', { siteId, upserts, removes: [...d.removes], total: this.count(siteId) });
    }
    this.dirty.clear();
  }

  /** Stops ticking and lookups; resolves once the lookups under way have finished. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.lookups.close();
  }

  private applyEvent(siteId: string, row: EventRow): void {
    let entry = this.sites.get(siteId)?.get(row.visitor_id);
    if (!entry) {
      if (!ARRIVING.has(row.type)) return;
      entry = this.create(siteId, row.visitor_id, row.session_id);
    }
    if (row.session_id !== entry.sessionId) {
      // A late beacon of the visit before this one changes nothing.
      if (entry.startedAt && row.ts < entry.startedAt) return;
      this.newSession(entry, row.session_id);
    }
    applyStoredEvent(entry, row, this.now());
    this.mark(entry);
  }

  private create(siteId: string, visitorId: string, sessionId: string): Entry {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = new Map<string, Entry>()));
    const entry = newEntry(siteId, visitorId, sessionId, this.now());
    site.set(visitorId, entry);
    this.enqueueLookup(entry);
    return entry;
  }

  private newSession(entry: Entry, sessionId: string): void {
    startSession(entry, sessionId);
    this.enqueueLookup(entry);
  }

  private release(entry: Entry, socket: Socket, closedAt: number): void {
    if (!entry.sockets.delete(socket) || entry.sockets.size > 0) return;
    entry.closedAt = closedAt;
    this.mark(entry);
  }

  private expire(entry: Entry, now: number): void {
    for (const socket of entry.sockets) {
      if (now - socket.lastBeat <= this.timings.heartbeatTimeoutMs) continue;
      // Silent for the whole timeout: gone since its last beat, so no further grace.
      this.release(entry, socket, socket.lastBeat - this.timings.graceMs);
      socket.onLapse();
    }
    if (entry.sockets.size > 0) return;
    const until = entry.hadSocket
      ? Math.max(entry.closedAt, entry.lastEventAt) + this.timings.graceMs
      : entry.lastEventAt + this.timings.eventTtlMs;
    if (now < until) return;
    this.sites.get(entry.siteId)?.delete(entry.visitorId);
    if (entry.stored) this.mark(entry, true);
  }

  private enqueueLookup(entry: Entry): void {
    this.lookups.push(this.lookupTarget(entry, (sessionId, facts) => this.applyFacts(entry, sessionId, facts)));
  }

  /** The stored person's name, once the identity that joined them to it is stored. */
  private enqueueNameLookup(entry: Entry): void {
    this.lookups.push(
      this.lookupTarget(entry, (_sessionId, { name }) => {
        if (!name || name === entry.name) return;
        entry.name = name;
        this.mark(entry);
      }),
    );
  }

  private lookupTarget(entry: Entry, answer: (sessionId: string, facts: VisitFacts) => void) {
    return {
      siteId: entry.siteId,
      visitorId: entry.visitorId,
      get sessionId() {
        return entry.sessionId;
      },
      current: () => this.isCurrent(entry),
      answer,
    };
  }

  private applyFacts(entry: Entry, sessionId: string, facts: VisitFacts): void {
    applyFacts(entry, sessionId, facts);
    this.mark(entry);
  }

  private isCurrent(entry: Entry): boolean {
    return this.sites.get(entry.siteId)?.get(entry.visitorId) === entry;
  }

  private mark(entry: Entry, removed = false): void {
    entry.view = null;
    let d = this.dirty.get(entry.siteId);
    if (!d) this.dirty.set(entry.siteId, (d = { upserts: new Set(), removes: new Set() }));
    if (removed) {
      d.upserts.delete(entry.visitorId);
      d.removes.add(entry.visitorId);
    } else {
      d.removes.delete(entry.visitorId);
      d.upserts.add(entry.visitorId);
    }
  }
}
