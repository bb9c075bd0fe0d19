import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { LatestContext } from './visitor-touches.ts';

/** The latest event's context of each of these visitors of one site (where an event of theirs written now belongs), keyed by visitor id. */
export async function getLatestContexts(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: readonly string[],
): Promise<Map<string, LatestContext>> {
  if (visitorIds.length === 0) return new Map();
  const result = await client.query({
    query: `SELECT visitor_id, argMax(session_id, ts) AS sessionId, argMax(host, ts) AS host, argMax(path, ts) AS path, argMax(url, ts) AS url,
                   argMax(country, ts) AS country, argMax(region, ts) AS region, argMax(city, ts) AS city,
                   argMax(browser, ts) AS browser, argMax(browser_version, ts) AS browserVersion, argMax(os, ts) AS os,
                   argMax(device, ts) AS device, argMax(screen, ts) AS screen, argMax(language, ts) AS language
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}
            GROUP BY visitor_id`,
    query_params: { siteId, ids: [...new Set(visitorIds)] },
    format: 'JSONEachRow',
  });
  return new Map(
    (await result.json<LatestContext & { visitor_id: string }>()).map(({ visitor_id, ...context }) => [
      visitor_id,
      context,
    ]),
  );
}
