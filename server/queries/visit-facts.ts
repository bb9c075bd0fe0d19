import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** A page view or engagement event of the visit, as stored. */
export interface StoredTrailEvent {
  id: string;
  at: number;
  type: 'pageview' | 'engagement';
  path: string;
  title: string;
  engagedMs: number;
}

export interface VisitFacts {
  /** Distinct sessions of the visitor so far, this one included (0: nothing stored). */
  visits: number;
  /** Newest known name, else email, else phone; '' when never identified. */
  name: string;
  /** The session's first stored event (0: none). */
  startedAt: number;
  landing: { at: number; referrerDomain: string; utmSource: string; utmMedium: string; utmCampaign: string } | null;
  /** Geo and device of the session's newest event; null when the session has none stored. */
  client: { country: string; region: string; city: string; device: string; browser: string; os: string } | null;
  /** The session's page views and engagement, the newest `TRAIL_EVENTS`. */
  trail: StoredTrailEvent[];
}

const TRAIL_EVENTS = 300;

const t = col.text;
const factsRow = z.object({
  visits: col.int,
  name: t,
  email: t,
  phone: t,
  session_events: col.int,
  started_at: col.ms,
  landing_at: col.ms,
  referrer_domain: t,
  utm_source: t,
  utm_medium: t,
  utm_campaign: t,
  country: t,
  region: t,
  city: t,
  device: t,
  browser: t,
  os: t,
  trail: z.array(z.tuple([t, col.ms, t, t, t, col.int])),
});

// The visitor's rows and those of every visitor id joined to the same person: a visitor who
// gave their name in one browser is known by it when they come back in another.
const OF_PERSON = `(visitor_id = {visitorId:String}
                    OR (person_id != '' AND person_id = (SELECT argMax(person_id, updated_at) FROM ${TABLES.identities}
                                                         WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String})))`;

/**
 * What the live screen needs about a visitor it has just seen: their visit count and
 * known name, and the current session as stored (so presence rebuilt after a restart
 * shows the whole visit, not only what arrived since). One scan of the visitor's events;
 * the bloom-filter index on visitor_id skips other visitors' granules.
 */
export async function getVisitFacts(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
  sessionId: string,
): Promise<VisitFacts> {
  const rows = await readRows(
    client,
    {
      query: `SELECT uniqExact(session_id) AS visits,
                   countIf(session_id = {sessionId:String}) AS session_events,
                   toUnixTimestamp64Milli(minIf(ts, session_id = {sessionId:String})) AS started_at,
                   toUnixTimestamp64Milli(minIf(ts, session_id = {sessionId:String} AND type = 'pageview')) AS landing_at,
                   argMinIf(referrer_domain, ts, session_id = {sessionId:String} AND type = 'pageview') AS referrer_domain,
                   argMinIf(utm_source, ts, session_id = {sessionId:String} AND type = 'pageview') AS utm_source,
                   argMinIf(utm_medium, ts, session_id = {sessionId:String} AND type = 'pageview') AS utm_medium,
                   argMinIf(utm_campaign, ts, session_id = {sessionId:String} AND type = 'pageview') AS utm_campaign,
                   argMaxIf(country, ts, session_id = {sessionId:String}) AS country,
                   argMaxIf(region, ts, session_id = {sessionId:String}) AS region,
                   argMaxIf(city, ts, session_id = {sessionId:String}) AS city,
                   argMaxIf(device, ts, session_id = {sessionId:String}) AS device,
                   argMaxIf(browser, ts, session_id = {sessionId:String}) AS browser,
                   argMaxIf(os, ts, session_id = {sessionId:String}) AS os,
                   arraySlice(
                     arraySort(e -> e.2, groupArrayIf((toString(event_id), toUnixTimestamp64Milli(ts), toString(type), path, title, engaged_ms),
                                                      session_id = {sessionId:String} AND type IN ('pageview', 'engagement'))),
                     -{trailEvents:UInt32}) AS trail,
                   -- One pass over the person's identities for all three fields.
                   (SELECT tuple(argMaxIf(name, updated_at, name != ''), argMaxIf(email, updated_at, email != ''), argMaxIf(phone, updated_at, phone != ''))
                    FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND ${OF_PERSON}) AS known,
                   known.1 AS name, known.2 AS email, known.3 AS phone
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}`,
      query_params: { siteId, visitorId, sessionId, trailEvents: TRAIL_EVENTS },
    },
    factsRow,
  );
  const [row] = rows;
  if (!row) return { visits: 0, name: '', startedAt: 0, landing: null, client: null, trail: [] };
  const inSession = row.session_events > 0;
  const landingAt = row.landing_at;
  return {
    visits: row.visits,
    name: row.name || row.email || row.phone,
    startedAt: inSession ? row.started_at : 0,
    landing:
      inSession && landingAt > 0
        ? {
            at: landingAt,
            referrerDomain: row.referrer_domain,
            utmSource: row.utm_source,
            utmMedium: row.utm_medium,
            utmCampaign: row.utm_campaign,
          }
        : null,
    client: inSession
      ? {
          country: row.country,
          region: row.region,
          city: row.city,
          device: row.device,
          browser: row.browser,
          os: row.os,
        }
      : null,
    trail: row.trail.map(([id, at, type, path, title, engagedMs]) => ({
      id,
      at,
      type: type === 'pageview' ? 'pageview' : 'engagement',
      path,
      title,
      engagedMs,
    })),
  };
}
