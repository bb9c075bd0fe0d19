import type { ClickHouseClient } from '@clickhouse/client';
import { NotFoundError } from '../contract/errors.ts';
import { getVisitorEvents, type TimelineEvent } from '../queries/visitor-events.ts';
import { getPerson, type Person } from '../queries/visitor-people.ts';
import { getPersonProfiles } from '../queries/person-profiles.ts';
import { toSessions, type VisitorSession } from './visitor-sessions.ts';

/** A profile reads at most this many events (the newest): enough for years of a real visitor. */
export const PROFILE_EVENT_CAP = 5000;

/** What a customer import said about the person beyond name, email and phone. */
export interface ImportedDetails {
  externalId: string;
  tags: string;
  /** Custom fields in the file's column order as stored (name, value). */
  fields: [string, string][];
  importedAt: number;
}

export interface VisitorProfile {
  person: Person;
  /** Null when the person was never in an imported customer list. */
  imported: ImportedDetails | null;
  firstSeen: number;
  lastSeen: number;
  /** timeOnSiteMs: the sum of the visits' durations (VisitorSession.durationMs), one definition for both. */
  totals: { sessions: number; pageviews: number; timeOnSiteMs: number; chats: number; leads: number; orders: number };
  /** Order value per currency (never summed across currencies), largest first. */
  revenue: { currency: string; value: number }[];
  /** Newest first, across all time and every visitor id of the person. */
  sessions: VisitorSession[];
  /** True when the cap cut the oldest events: totals and early sessions are incomplete. */
  truncated: boolean;
}

/**
 * A visitor with everyone joined to them by identity (same person id or email): the
 * anonymous history of every linked visitor id stays on the profile. Ids first, then
 * their events; NOT_FOUND when no id has any event on this site.
 */
export async function loadVisitorProfile(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
): Promise<VisitorProfile> {
  const person = await getPerson(client, siteId, visitorId);
  const events = await getVisitorEvents(client, siteId, person.visitorIds, PROFILE_EVENT_CAP);
  if (events.length === 0) throw new NotFoundError('No such visitor');
  // A person id is its first visitor's id, so the person's ids find their imported row.
  const [profile] = await getPersonProfiles(client, siteId, person.visitorIds);
  const imported = profile
    ? {
        externalId: profile.external_id,
        tags: profile.tags,
        fields: Object.entries(profile.fields),
        importedAt: profile.imported_at,
      }
    : null;
  return { ...summarize(person, events, events.length >= PROFILE_EVENT_CAP), imported };
}

export function summarize(
  person: Person,
  events: TimelineEvent[],
  truncated: boolean,
): Omit<VisitorProfile, 'imported'> {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  const sessions = toSessions(events);
  return {
    person,
    firstSeen: events[0]?.ts ?? 0,
    lastSeen: events.at(-1)?.ts ?? 0,
    totals: {
      sessions: sessions.length,
      pageviews: count('pageview'),
      timeOnSiteMs: sessions.reduce((ms, s) => ms + s.durationMs, 0),
      chats: count('chat_started'),
      leads: count('lead_created'),
      orders: count('order'),
    },
    revenue: revenueByCurrency(events),
    sessions,
    truncated,
  };
}

function revenueByCurrency(events: TimelineEvent[]): { currency: string; value: number }[] {
  const by = new Map<string, number>();
  for (const e of events) if (e.type === 'order') by.set(e.currency, (by.get(e.currency) ?? 0) + e.revenue);
  // Decimal(18,2) read as Float64: round each sum back to cents.
  return [...by]
    .map(([currency, value]) => ({ currency, value: Math.round(value * 100) / 100 }))
    .sort((a, b) => b.value - a.value);
}
