import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The newest stored mail settings JSON of a scope ('' for the install's SMTP relay, else a site id); null for none. */
export async function mailSettings(ch: ClickHouseClient, siteId: string): Promise<string | null> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT argMax(settings, version) AS settings FROM ${TABLES.mailSettings}
              WHERE site_id = {siteId:String} GROUP BY site_id`,
      query_params: { siteId },
    },
    z.object({ settings: col.text }),
  );
  return rows[0]?.settings ?? null;
}
