import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';

/**
 * The distinct page paths a site's page views (of these visitor ids, or all) carry: a tag
 * rule's path pattern is matched on them in linear time (server/chat/glob.ts) rather than
 * turned into SQL, so `*` means the same as in invitation rules.
 */
export async function getSitePaths(
  client: ClickHouseClient,
  siteId: string,
  visitorIds?: readonly string[],
): Promise<string[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT DISTINCT path FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND type = 'pageview'
              AND ({all:Bool} OR visitor_id IN {ids:Array(String)})`,
      query_params: { siteId, all: visitorIds === undefined, ids: [...(visitorIds ?? [])] },
    },
    z.object({ path: z.string() }),
  );
  return rows.map((r) => r.path);
}
