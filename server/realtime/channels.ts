import { z } from 'zod';

// The one map of what travels over the realtime hub. Everything a client sends is
// parsed with these schemas; everything the server sends is typed here.

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Visitor → server. */
export const visitorMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), site: id, visitorId: id, sessionId: id, url: z.string().max(2048) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type VisitorMessage = z.infer<typeof visitorMessage>;

export interface TrailStep {
  at: number;
  path: string;
  title: string;
  engagedMs: number;
}

/** One row of the Live screen. */
export interface LiveVisitor {
  visitorId: string;
  sessionId: string;
  name: string;
  country: string;
  region: string;
  city: string;
  device: string;
  browser: string;
  os: string;
  referrerDomain: string;
  utmSource: string;
  utmCampaign: string;
  /** Visits so far including this one; 0 until looked up. */
  visitNumber: number;
  startedAt: number;
  lastSeenAt: number;
  trail: TrailStep[];
  connected: boolean;
}

/** Server → agent. A snapshot first (on every (re)connect), then changes. */
export type AgentEvent =
  | { type: 'snapshot'; visitors: LiveVisitor[]; total: number }
  | { type: 'upsert'; visitors: LiveVisitor[]; total: number }
  | { type: 'remove'; visitorIds: string[]; total: number };

/** Server → visitor. */
export type VisitorEvent = { type: 'welcome' } | { type: 'pong' };
