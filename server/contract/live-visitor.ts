// What the Live screen, invitation rules and chat context know of a visitor on the site now.

export interface TrailStep {
  /** When the page view happened (epoch ms). */
  at: number;
  path: string;
  title: string;
  /** Visible time reported by the snippet when the page was left or hidden; 0 while on it. */
  engagedMs: number;
}

/** One row of the Live screen: a visitor on the site now, and their current visit. */
export interface LiveVisitor {
  visitorId: string;
  sessionId: string;
  /** Known name (or email, or phone) from identities; '' while anonymous. */
  name: string;
  country: string;
  region: string;
  city: string;
  device: string;
  browser: string;
  os: string;
  /** Where the visit's landing page view came from, by name as the reports say it ("Baidu", "(direct)"). */
  source: string;
  /** The same, as the landing page view carried it. */
  referrerDomain: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  /** Visits so far including this one; 0 until looked up. */
  visitNumber: number;
  /** The visit's first event. */
  startedAt: number;
  /** The visitor's latest event. */
  lastSeenAt: number;
  /** Page views of this visit, oldest first (the newest 50). */
  trail: TrailStep[];
  /** Page views of this visit, all of them. */
  pageviews: number;
  /** Has an open page with the snippet's socket. */
  connected: boolean;
}
