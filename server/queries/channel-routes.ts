import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every site's default route per channel: site → channel → group id ('' = the pool). */
export async function getChannelRoutes(client: ClickHouseClient): Promise<Map<string, Map<string, string>>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, channel, argMax(group_id, version) AS group_id
            FROM ${TABLES.channelRoutes}
            GROUP BY site_id, channel`,
    },
    z.object({ site_id: col.text, channel: col.text, group_id: col.text }),
  );
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const routes = out.get(r.site_id) ?? new Map<string, string>();
    routes.set(r.channel, r.group_id);
    out.set(r.site_id, routes);
  }
  return out;
}
