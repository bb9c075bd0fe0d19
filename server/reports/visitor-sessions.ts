import type { TimelineEvent } from '../queries/visitor-events.ts';

export interface TrailPage {
  ts: number;
  path: string;
  url: string;
  title: string;
  /** Visible time on this page view: the engagement the snippet reported for it. */
  engagedMs: number;
}

export interface VisitorSession {
  sessionId: string;
  visitorId: string;
  start: number;
  end: number;
  landing: string;
  source: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  country: string;
  city: string;
  device: string;
  browser: string;
  os: string;
  pages: TrailPage[];
  /** Everything that is not a page view or engagement: outbound, custom, identify, invitations, chats, leads, orders. */
  moments: TimelineEvent[];
}

/**
 * Groups a visitor's events (oldest first) into sessions, newest session first. An
 * engagement event belongs to the latest page view of the same path before it — the
 * snippet sends it when that page is left.
 */
export function toSessions(events: TimelineEvent[]): VisitorSession[] {
  const sessions = new Map<string, VisitorSession>();
  for (const e of events) {
    let s = sessions.get(e.sessionId);
    if (!s) {
      s = { sessionId: e.sessionId, visitorId: e.visitorId, start: e.ts, end: e.ts, landing: '', source: '', utmSource: '', utmMedium: '', utmCampaign: '', country: e.country, city: e.city, device: e.device, browser: e.browser, os: e.os, pages: [], moments: [] };
      sessions.set(e.sessionId, s);
    }
    s.end = Math.max(s.end, e.ts);
    if (e.type === 'pageview') {
      if (s.pages.length === 0) {
        s.landing = e.path;
        s.source = e.utmSource || e.referrerDomain || '(direct)';
        s.utmSource = e.utmSource;
        s.utmMedium = e.utmMedium;
        s.utmCampaign = e.utmCampaign;
      }
      s.pages.push({ ts: e.ts, path: e.path, url: e.url, title: e.title, engagedMs: 0 });
    } else if (e.type === 'engagement') {
      const page = [...s.pages].reverse().find((p) => p.path === e.path);
      if (page) page.engagedMs += e.engagedMs;
    } else {
      s.moments.push(e);
    }
  }
  return [...sessions.values()].sort((a, b) => b.start - a.start);
}
