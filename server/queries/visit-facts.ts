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
  visitor_id: t,
  visits: col.int,
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
const namesRow = z.object({ visitor_id: t, name: t, email: t, phone: t });

const NOTHING: VisitFacts = { visits: 0, name: '', startedAt: 0, landing: null, client: null, trail: [] };

/** A visit as presence asks about it: the visitor and the session it is in now. */
export interface VisitKey {
  visitorId: string;
  sessionId: string;
}

/**
 * What the live screen needs about a visitor it has just seen: their visit count and
 * known name, and the current session as stored (so presence rebuilt after a restart
 * shows the whole visit, not only what arrived since).
 */
export async function getVisitFacts(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
  sessionId: string,
): Promise<VisitFacts> {
  return (await getVisitFactsMany(client, siteId, [{ visitorId, sessionId }])).get(visitorId) ?? NOTHING;
}

/**
 * The same for many visitors of a site at once (each visitor once): a query costs ~15 ms of
 * CPU whatever it reads, so thousands of sockets arriving together are answered by a few
 * reads, not one each. One scan of their events (the bloom-filter index on visitor_id skips
 * other visitors' granules) and one of their identities.
 */
export async function getVisitFactsMany(
  client: ClickHouseClient,
  siteId: string,
  visits: readonly VisitKey[],
): Promise<Map<string, VisitFacts>> {
  const visitorIds = visits.map((v) => v.visitorId);
  const params = { siteId, visitorIds, sessionIds: visits.map((v) => v.sessionId), trailEvents: TRAIL_EVENTS };
  const [facts, names] = await Promise.all([
    readRows(
      client,
      {
        // `current` is the session asked about for that row's visitor.
        query: `SELECT visitor_id,
                   uniqExact(session_id) AS visits,
                   countIf(session_id = current) AS session_events,
                   toUnixTimestamp64Milli(minIf(ts, session_id = current)) AS started_at,
                   toUnixTimestamp64Milli(minIf(ts, session_id = current AND type = 'pageview')) AS landing_at,
                   argMinIf(referrer_domain, ts, session_id = current AND type = 'pageview') AS referrer_domain,
                   argMinIf(utm_source, ts, session_id = current AND type = 'pageview') AS utm_source,
                   argMinIf(utm_medium, ts, session_id = current AND type = 'pageview') AS utm_medium,
                   argMinIf(utm_campaign, ts, session_id = current AND type = 'pageview') AS utm_campaign,
                   argMaxIf(country, ts, session_id = current) AS country,
                   argMaxIf(region, ts, session_id = current) AS region,
                   argMaxIf(city, ts, session_id = current) AS city,
                   argMaxIf(device, ts, session_id = current) AS device,
                   argMaxIf(browser, ts, session_id = current) AS browser,
                   argMaxIf(os, ts, session_id = current) AS os,
                   arraySlice(
                     arraySort(e -> e.2, groupArrayIf((toString(event_id), toUnixTimestamp64Milli(ts), toString(type), path, title, engaged_ms),
                                                      session_id = current AND type IN ('pageview', 'engagement'))),
                     -{trailEvents:UInt32}) AS trail
            FROM (SELECT visitor_id, session_id, ts, type, referrer_domain, utm_source, utm_medium, utm_campaign,
                         country, region, city, device, browser, os, event_id, path, title, engaged_ms,
                         transform(visitor_id, {visitorIds:Array(String)}, {sessionIds:Array(String)}, '') AS current
                  FROM ${TABLES.events}
                  WHERE site_id = {siteId:String} AND visitor_id IN {visitorIds:Array(String)})
            GROUP BY visitor_id`,
        query_params: params,
      },
      factsRow,
    ),
    readRows(
      client,
      {
        // Each visitor's own identities and those of the person they are joined to now: a
        // visitor who gave their name in one browser is known by it when they come back in another.
        query: `WITH persons AS (SELECT visitor_id, argMax(person_id, updated_at) AS person_id
                                 FROM ${TABLES.identities}
                                 WHERE site_id = {siteId:String} AND visitor_id IN {visitorIds:Array(String)}
                                 GROUP BY visitor_id)
            SELECT asked AS visitor_id,
                   argMaxIf(name, updated_at, name != '') AS name,
                   argMaxIf(email, updated_at, email != '') AS email,
                   argMaxIf(phone, updated_at, phone != '') AS phone
            FROM (SELECT visitor_id AS asked, name, email, phone, updated_at
                  FROM ${TABLES.identities}
                  WHERE site_id = {siteId:String} AND visitor_id IN {visitorIds:Array(String)}
                  UNION ALL
                  SELECT p.visitor_id AS asked, i.name, i.email, i.phone, i.updated_at
                  FROM ${TABLES.identities} AS i
                  INNER JOIN (SELECT visitor_id, person_id FROM persons WHERE person_id != '') AS p ON i.person_id = p.person_id
                  WHERE i.site_id = {siteId:String}
                    AND i.person_id IN (SELECT person_id FROM persons WHERE person_id != ''))
            GROUP BY asked`,
        query_params: params,
      },
      namesRow,
    ),
  ]);
  const nameOf = new Map(names.map((r) => [r.visitor_id, r.name || r.email || r.phone]));
  const out = new Map<string, VisitFacts>();
  for (const row of facts) out.set(row.visitor_id, toFacts(row, nameOf.get(row.visitor_id) ?? ''));
  // Known by name (an imported customer, another browser) before any event of this visitor is stored.
  for (const [visitorId, name] of nameOf) if (!out.has(visitorId)) out.set(visitorId, { ...NOTHING, name });
  return out;
}

function toFacts(row: z.infer<typeof factsRow>, name: string): VisitFacts {
  const inSession = row.session_events > 0;
  const landingAt = row.landing_at;
  return {
    visits: row.visits,
    name,
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
