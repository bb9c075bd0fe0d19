import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';

/** Where a session entered: its first page view's referrer, UTM tags and path. */
export interface Touch {
  referrerDomain: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  path: string;
}

/** The visitor's latest event: where a new conversation event of theirs belongs. */
export interface LatestContext {
  sessionId: string;
  host: string;
  path: string;
  url: string;
  country: string;
  region: string;
  city: string;
  browser: string;
  browserVersion: string;
  os: string;
  device: string;
  screen: string;
  language: string;
}

export interface VisitorTouches {
  /** Landing of the visitor's earliest session with a page view; null without page views. */
  first: Touch | null;
  /** Landing of the visitor's latest session with a page view. */
  last: Touch | null;
  /** Null when the visitor has no event on the site (yet). */
  latest: LatestContext | null;
  /** The visitor's person id from identities, '' when never identified. */
  personId: string;
}

const t = col.text;
const touchRow = z.object({
  which: z.enum(['first', 'last']),
  referrer_domain: t,
  utm_source: t,
  utm_medium: t,
  utm_campaign: t,
  path: t,
});
const latestRow = z.object({
  events: col.int,
  session_id: t,
  host: t,
  path: t,
  url: t,
  country: t,
  region: t,
  city: t,
  browser: t,
  browser_version: t,
  os: t,
  device: t,
  screen: t,
  language: t,
  person_id: t,
});

// argMin(…, ts) inside one session picks its landing page view; first and last touch are
// then the sessions with the earliest and the latest landing. Ties (two sessions starting
// in the same millisecond) fall to the session id, so the answer is stable.
const LANDINGS = `SELECT session_id, min(ts) AS start,
         argMin(referrer_domain, ts) AS referrer_domain, argMin(utm_source, ts) AS utm_source,
         argMin(utm_medium, ts) AS utm_medium, argMin(utm_campaign, ts) AS utm_campaign, argMin(path, ts) AS path
  FROM ${TABLES.events}
  WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String} AND type = 'pageview'
  GROUP BY session_id`;

/** First and last touch of a visitor and their latest context, over all their history on the site. */
export async function getVisitorTouches(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
): Promise<VisitorTouches> {
  const params = { siteId, visitorId };
  const [touches, latest] = await Promise.all([
    readRows(
      client,
      {
        query: `SELECT * FROM (
                (SELECT 'first' AS which, referrer_domain, utm_source, utm_medium, utm_campaign, path FROM (${LANDINGS}) ORDER BY start ASC, session_id ASC LIMIT 1)
                UNION ALL
                (SELECT 'last' AS which, referrer_domain, utm_source, utm_medium, utm_campaign, path FROM (${LANDINGS}) ORDER BY start DESC, session_id DESC LIMIT 1)
              )`,
        query_params: params,
      },
      touchRow,
    ),
    readRows(
      client,
      {
        query: `SELECT count() AS events, argMax(session_id, ts) AS session_id, argMax(host, ts) AS host, argMax(path, ts) AS path, argMax(url, ts) AS url,
                     argMax(country, ts) AS country, argMax(region, ts) AS region, argMax(city, ts) AS city,
                     argMax(browser, ts) AS browser, argMax(browser_version, ts) AS browser_version, argMax(os, ts) AS os,
                     argMax(device, ts) AS device, argMax(screen, ts) AS screen, argMax(language, ts) AS language,
                     (SELECT argMax(person_id, updated_at) FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}) AS person_id
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String} AND visitor_id = {visitorId:String}`,
        query_params: params,
      },
      latestRow,
    ),
  ]);
  const touch = (which: 'first' | 'last'): Touch | null => {
    const r = touches.find((row) => row.which === which);
    return r
      ? {
          referrerDomain: r.referrer_domain,
          utmSource: r.utm_source,
          utmMedium: r.utm_medium,
          utmCampaign: r.utm_campaign,
          path: r.path,
        }
      : null;
  };
  const l = latest[0];
  return {
    first: touch('first'),
    last: touch('last'),
    latest:
      l && l.events > 0
        ? {
            sessionId: l.session_id,
            host: l.host,
            path: l.path,
            url: l.url,
            country: l.country,
            region: l.region,
            city: l.city,
            browser: l.browser,
            browserVersion: l.browser_version,
            os: l.os,
            device: l.device,
            screen: l.screen,
            language: l.language,
          }
        : null,
    personId: l?.person_id ?? '',
  };
}
