import type { TimelineEvent } from '../queries/visitor-events.ts';
import { pageSource } from '../sources/source-name.ts';

export interface TrailPage {
  ts: number;
  path: string;
  url: string;
  title: string;
  /** Time on page: visible time the snippet reported for this page view (see toSessions). */
  engagedMs: number;
}

export interface VisitorSession {
  sessionId: string;
  visitorId: string;
  start: number;
  end: number;
  /** How long the visit lasted: first to last event, the Overview's session duration. */
  durationMs: number;
  landing: string;
  /** The first page view's source by name ("Baidu"): its UTM source, else its referrer's domain, else (direct), as SOURCE_EXPR. */
  source: string;
  referrerDomain: string;
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
 * Groups a visitor's events (oldest first) into sessions, newest session first. Source,
 * UTM and landing page come from the session's first page view.
 *
 * Time on page: the sum of the engaged_ms of the session's engagement events with the
 * page view's path, from that page view until the next page view of the same path
 * (each engagement goes to the latest earlier view of its path). Not "until the next
 * page view of any path": after a full page load the left page's pagehide beacon can
 * arrive after the next page's view, and a second tab of the same session interleaves
 * its views with the first tab's engagement. An engagement with no earlier view of its
 * path in the session (a tab idle past the 30-minute rule) counts in the visitor's total
 * engaged time but on no page.
 */
export function toSessions(events: TimelineEvent[]): VisitorSession[] {
  const sessions = new Map<string, VisitorSession>();
  for (const e of events) {
    let s = sessions.get(e.sessionId);
    if (!s) {
      s = {
        sessionId: e.sessionId,
        visitorId: e.visitorId,
        start: e.ts,
        end: e.ts,
        durationMs: 0,
        landing: '',
        source: '',
        referrerDomain: '',
        utmSource: '',
        utmMedium: '',
        utmCampaign: '',
        country: e.country,
        city: e.city,
        device: e.device,
        browser: e.browser,
        os: e.os,
        pages: [],
        moments: [],
      };
      sessions.set(e.sessionId, s);
    }
    s.end = Math.max(s.end, e.ts);
    s.durationMs = s.end - s.start;
    if (e.type === 'pageview') {
      if (s.pages.length === 0) {
        s.landing = e.path;
        s.source = pageSource(e.utmSource, e.referrerDomain);
        s.referrerDomain = e.referrerDomain;
        s.utmSource = e.utmSource;
        s.utmMedium = e.utmMedium;
        s.utmCampaign = e.utmCampaign;
      }
      s.pages.push({ ts: e.ts, path: e.path, url: e.url, title: e.title, engagedMs: 0 });
    } else if (e.type === 'engagement') {
      const page = s.pages.findLast((p) => p.path === e.path);
      if (page) page.engagedMs += e.engagedMs;
    } else {
      s.moments.push(e);
    }
  }
  return [...sessions.values()].sort((a, b) => b.start - a.start);
}
