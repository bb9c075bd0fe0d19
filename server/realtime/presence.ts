import type { EventRow } from '../../clickhouse/rows.ts';
import type { LiveVisitor } from './channels.ts';

export interface PresenceTimings {
  /** A connected visitor without a heartbeat for this long has gone. */
  heartbeatTimeoutMs: number;
  /** After its socket closes, how long a visitor stays (a full page load reconnects within it). */
  graceMs: number;
  /** A visitor with no socket at all stays this long after its last event. */
  eventTtlMs: number;
  /** How often changes are pushed and timeouts checked. */
  tickMs: number;
}

export const DEFAULT_TIMINGS: PresenceTimings = { heartbeatTimeoutMs: 45_000, graceMs: 10_000, eventTtlMs: 60_000, tickMs: 200 };
const TRAIL_MAX = 50;

interface Entry {
  visitor: LiveVisitor;
  sockets: number;
  hadSocket: boolean;
  lastHeartbeat: number;
  disconnectedAt: number;
  lastEventAt: number;
}

export type PresenceListener = (siteId: string, change: { upserts: LiveVisitor[]; removes: string[]; total: number }) => void;
export type VisitFacts = (siteId: string, visitorId: string) => Promise<{ visitNumber: number; name: string }>;

/**
 * Who is on each site right now. Fed by stored ingest events (pages, trail, identity)
 * and by visitor sockets (heartbeats); changes are coalesced and pushed every tick.
 */
export class Presence {
  private readonly sites = new Map<string, Map<string, Entry>>();
  private readonly dirty = new Map<string, { upserts: Set<string>; removes: Set<string> }>();
  private readonly listeners = new Set<PresenceListener>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly facts: VisitFacts,
    private readonly timings: PresenceTimings = DEFAULT_TIMINGS,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), timings.tickMs);
    this.timer.unref();
  }

  subscribe(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Most recently active first, capped, with the full count. */
  snapshot(siteId: string, cap = 500): { visitors: LiveVisitor[]; total: number } {
    const all = [...(this.sites.get(siteId)?.values() ?? [])].map((e) => e.visitor).sort((a, b) => b.lastSeenAt - a.lastSeenAt);
    return { visitors: all.slice(0, cap), total: all.length };
  }

  count(siteId: string): number {
    return this.sites.get(siteId)?.size ?? 0;
  }

  onStored(rows: EventRow[]): void {
    for (const row of rows) {
      const entry = this.entry(row.site_id, row.visitor_id, row.session_id, row);
      const v = entry.visitor;
      entry.lastEventAt = this.now();
      v.lastSeenAt = Math.max(v.lastSeenAt, row.ts);
      if (row.session_id !== v.sessionId) this.newSession(v, row);
      if (row.type === 'pageview') {
        if (v.trail.length === 0) Object.assign(v, { referrerDomain: row.referrer_domain, utmSource: row.utm_source, utmCampaign: row.utm_campaign });
        v.trail.push({ at: row.ts, path: row.path, title: row.title, engagedMs: 0 });
        if (v.trail.length > TRAIL_MAX) v.trail.shift();
      } else if (row.type === 'engagement') {
        const step = [...v.trail].reverse().find((s) => s.path === row.path);
        if (step) step.engagedMs += row.engaged_ms;
      }
      this.mark(row.site_id, v.visitorId);
    }
  }

  identified(siteId: string, visitorId: string, name: string): void {
    const entry = this.sites.get(siteId)?.get(visitorId);
    if (entry && name) {
      entry.visitor.name = name;
      this.mark(siteId, visitorId);
    }
  }

  connected(siteId: string, visitorId: string, sessionId: string): () => void {
    const entry = this.entry(siteId, visitorId, sessionId);
    entry.sockets += 1;
    entry.hadSocket = true;
    entry.lastHeartbeat = this.now();
    entry.visitor.connected = true;
    this.mark(siteId, visitorId);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      entry.sockets -= 1;
      if (entry.sockets === 0) {
        entry.disconnectedAt = this.now();
        entry.visitor.connected = false;
        this.mark(siteId, visitorId);
      }
    };
  }

  heartbeat(siteId: string, visitorId: string): void {
    const entry = this.sites.get(siteId)?.get(visitorId);
    if (entry) entry.lastHeartbeat = this.now();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private entry(siteId: string, visitorId: string, sessionId: string, row?: EventRow): Entry {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = new Map<string, Entry>()));
    let entry = site.get(visitorId);
    if (!entry) {
      const now = this.now();
      entry = {
        visitor: {
          visitorId, sessionId, name: '', country: row?.country ?? '', region: row?.region ?? '', city: row?.city ?? '', device: row?.device ?? '', browser: row?.browser ?? '', os: row?.os ?? '',
          referrerDomain: '', utmSource: '', utmCampaign: '', visitNumber: 0, startedAt: row?.ts ?? now, lastSeenAt: row?.ts ?? now, trail: [], connected: false,
        },
        sockets: 0, hadSocket: false, lastHeartbeat: 0, disconnectedAt: 0, lastEventAt: now,
      };
      site.set(visitorId, entry);
      const visitor = entry.visitor;
      this.facts(siteId, visitorId).then(
        (f) => {
          visitor.visitNumber = f.visitNumber;
          visitor.name ||= f.name;
          if (site.get(visitorId)?.visitor === visitor) this.mark(siteId, visitorId);
        },
        (error: unknown) => console.error('visit facts lookup failed', error),
      );
    } else if (row && !entry.visitor.country) {
      Object.assign(entry.visitor, { country: row.country, region: row.region, city: row.city, device: row.device, browser: row.browser, os: row.os });
    }
    return entry;
  }

  private newSession(v: LiveVisitor, row: EventRow): void {
    v.sessionId = row.session_id;
    v.startedAt = row.ts;
    v.trail = [];
    v.visitNumber += v.visitNumber > 0 ? 1 : 0;
  }

  private mark(siteId: string, visitorId: string, removed = false): void {
    let d = this.dirty.get(siteId);
    if (!d) this.dirty.set(siteId, (d = { upserts: new Set(), removes: new Set() }));
    if (removed) {
      d.upserts.delete(visitorId);
      d.removes.add(visitorId);
    } else {
      d.removes.delete(visitorId);
      d.upserts.add(visitorId);
    }
  }

  private tick(): void {
    const now = this.now();
    for (const [siteId, site] of this.sites) {
      for (const [visitorId, e] of site) {
        const until = e.hadSocket ? (e.sockets > 0 ? e.lastHeartbeat + this.timings.heartbeatTimeoutMs : e.disconnectedAt + this.timings.graceMs) : e.lastEventAt + this.timings.eventTtlMs;
        if (now > until && now > e.lastEventAt + this.timings.graceMs) {
          site.delete(visitorId);
          this.mark(siteId, visitorId, true);
        }
      }
    }
    for (const [siteId, d] of this.dirty) {
      const site = this.sites.get(siteId);
      const upserts = [...d.upserts].flatMap((id) => site?.get(id)?.visitor ?? []);
      const change = { upserts, removes: [...d.removes], total: site?.size ?? 0 };
      for (const listener of this.listeners) listener(siteId, change);
    }
    this.dirty.clear();
  }
}
