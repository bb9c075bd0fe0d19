import { z } from 'zod';

// The one map of what travels over the realtime hub's sockets. Everything a client sends
// is parsed with the schemas here before anything looks at it; everything the server
// sends is typed here. Proactive invitations and chat (a later issue) add variants to
// these unions and nothing else to the wire.

export const SOCKET_PATHS = { agent: '/ws/agent', visitor: '/ws/visitor' } as const;

export const SOCKET_LIMITS = {
  /** Largest frame a visitor may send: a hello with a full-length URL fits. */
  visitorMessageBytes: 4 * 1024,
  /** Agents will send chat messages over the same socket. */
  agentMessageBytes: 16 * 1024,
  url: 2048,
} as const;

/**
 * Close codes with their reasons. 4xxx means "do not come back with the same thing":
 * the snippet reconnects only after codes below 4000 (restart, network loss).
 */
export const CLOSE = {
  invalidMessage: { code: 4400, reason: 'invalid message' },
  signedOut: { code: 4401, reason: 'session ended' },
  notAllowed: { code: 4403, reason: 'origin not allowed' },
  pageNotAllowed: { code: 4403, reason: 'page domain not allowed' },
  unknownSite: { code: 4404, reason: 'unknown site' },
  helloTimeout: { code: 4408, reason: 'hello expected' },
  helloTwice: { code: 4409, reason: 'hello twice' },
  doNotTrack: { code: 4410, reason: 'do not track' },
  tooMany: { code: 4429, reason: 'too many messages' },
  shutdown: { code: 1001, reason: 'server restarting' },
} as const satisfies Record<string, { code: number; reason: string }>;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const pageUrl = z.url({ protocol: /^https?$/ }).max(SOCKET_LIMITS.url);

/** Visitor → server. */
export const visitorToServer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), site: id, visitorId: id, sessionId: id, url: pageUrl }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type VisitorToServer = z.infer<typeof visitorToServer>;
export type VisitorHello = Extract<VisitorToServer, { type: 'hello' }>;

/** Agent → server. A browser cannot send protocol pings, so the dashboard pings here to notice a dead link. */
export const agentToServer = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('ping') })]);
export type AgentToServer = z.infer<typeof agentToServer>;

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
  /** Where the visit's landing page view came from. */
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

/** Server → agent. A snapshot first, on every (re)connect; then changes, coalesced per site. */
export type ServerToAgent =
  | { type: 'snapshot'; visitors: LiveVisitor[]; total: number }
  | { type: 'upsert'; visitors: LiveVisitor[]; total: number }
  | { type: 'remove'; visitorIds: string[]; total: number }
  /** The total changed, but only among visitors beyond this agent's capped list. */
  | { type: 'count'; total: number }
  | { type: 'pong' };

/** Server → visitor. */
export type ServerToVisitor = { type: 'welcome' } | { type: 'pong' };

/** The channel map: per socket kind, what the server sends and what it accepts. */
export interface Channels {
  agent: { send: ServerToAgent; receive: AgentToServer };
  visitor: { send: ServerToVisitor; receive: VisitorToServer };
}
