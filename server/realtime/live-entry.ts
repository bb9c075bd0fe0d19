import type { EventRow } from '../../clickhouse/rows.ts';
import type { StoredTrailEvent, VisitFacts } from '../queries/visit-facts.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import { buildTrail } from './trail.ts';
import { pageSource } from '../sources/source-name.ts';

const TRAIL_EVENTS = 300;

export interface LiveSocket {
  lastBeat: number;
  onLapse: () => void;
}

/** One visitor on a site as presence keeps them: their current visit and open sockets. */
export interface LiveEntry {
  siteId: string;
  visitorId: string;
  sessionId: string;
  name: string;
  client: Pick<LiveVisitor, 'country' | 'region' | 'city' | 'device' | 'browser' | 'os'> | null;
  landing: (Pick<LiveVisitor, 'referrerDomain' | 'utmSource' | 'utmMedium' | 'utmCampaign'> & { at: number }) | null;
  visitNumber: number;
  startedAt: number;
  lastSeenAt: number;
  events: Map<string, StoredTrailEvent>;
  /** Shown to agents only once something of it is stored: a bare socket is not a visitor. */
  stored: boolean;
  sockets: Set<LiveSocket>;
  hadSocket: boolean;
  closedAt: number;
  lastEventAt: number;
  view: LiveVisitor | null;
}

export function newEntry(siteId: string, visitorId: string, sessionId: string, now: number): LiveEntry {
  return {
    siteId,
    visitorId,
    sessionId,
    name: '',
    client: null,
    landing: null,
    visitNumber: 0,
    startedAt: 0,
    lastSeenAt: now,
    events: new Map(),
    stored: false,
    sockets: new Set(),
    hadSocket: false,
    closedAt: 0,
    lastEventAt: now,
    view: null,
  };
}

/** A new visit of the same visitor: its trail and landing start again. */
export function startSession(entry: LiveEntry, sessionId: string): void {
  entry.sessionId = sessionId;
  entry.events.clear();
  entry.landing = null;
  entry.startedAt = 0;
  if (entry.visitNumber > 0) entry.visitNumber += 1;
}

/** A stored event of the entry's current visit. */
export function applyStoredEvent(entry: LiveEntry, row: EventRow, now: number): void {
  entry.stored = true;
  entry.lastEventAt = now;
  entry.lastSeenAt = Math.max(entry.lastSeenAt, row.ts);
  entry.startedAt = entry.startedAt ? Math.min(entry.startedAt, row.ts) : row.ts;
  entry.client = {
    country: row.country,
    region: row.region,
    city: row.city,
    device: row.device,
    browser: row.browser,
    os: row.os,
  };
  if (row.type === 'pageview' && (!entry.landing || row.ts < entry.landing.at)) {
    entry.landing = {
      at: row.ts,
      referrerDomain: row.referrer_domain,
      utmSource: row.utm_source,
      utmMedium: row.utm_medium,
      utmCampaign: row.utm_campaign,
    };
  }
  if (row.type === 'pageview' || row.type === 'engagement') {
    addTrailEvent(entry, {
      id: row.event_id,
      at: row.ts,
      type: row.type,
      path: row.path,
      title: row.title,
      engagedMs: row.engaged_ms,
    });
  }
}

/** What the store knew of the visitor when first seen; `sessionId` is the visit it was asked for. */
export function applyFacts(entry: LiveEntry, sessionId: string, facts: VisitFacts): void {
  if (!entry.name) entry.name = facts.name;
  if (entry.sessionId !== sessionId) return;
  // Asked before the visit's first event was stored: it is a visit all the same.
  entry.visitNumber = facts.visits + (facts.startedAt ? 0 : 1);
  if (facts.startedAt) {
    entry.stored = true;
    entry.startedAt = entry.startedAt ? Math.min(entry.startedAt, facts.startedAt) : facts.startedAt;
  }
  if (facts.landing && (!entry.landing || facts.landing.at < entry.landing.at)) entry.landing = facts.landing;
  entry.client ??= facts.client;
  for (const e of facts.trail) addTrailEvent(entry, e);
}

function addTrailEvent(entry: LiveEntry, event: StoredTrailEvent): void {
  if (entry.events.has(event.id)) return;
  entry.events.set(event.id, event);
  if (entry.events.size <= TRAIL_EVENTS) return;
  let oldest: StoredTrailEvent | undefined;
  for (const e of entry.events.values()) if (!oldest || e.at < oldest.at) oldest = e;
  if (oldest) entry.events.delete(oldest.id);
}

/** The Live screen's row, built once per change. */
export function liveRow(entry: LiveEntry): LiveVisitor {
  if (entry.view) return entry.view;
  const { trail, pageviews } = buildTrail(entry.events.values());
  const client = entry.client ?? { country: '', region: '', city: '', device: '', browser: '', os: '' };
  const landing = entry.landing ?? { referrerDomain: '', utmSource: '', utmMedium: '', utmCampaign: '' };
  entry.view = {
    visitorId: entry.visitorId,
    sessionId: entry.sessionId,
    name: entry.name,
    ...client,
    source: pageSource(landing.utmSource, landing.referrerDomain),
    referrerDomain: landing.referrerDomain,
    utmSource: landing.utmSource,
    utmMedium: landing.utmMedium,
    utmCampaign: landing.utmCampaign,
    visitNumber: entry.visitNumber,
    startedAt: entry.startedAt || entry.lastSeenAt,
    lastSeenAt: entry.lastSeenAt,
    trail,
    pageviews,
    connected: entry.sockets.size > 0,
  };
  return entry.view;
}
