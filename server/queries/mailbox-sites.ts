import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every site's newest mail settings JSON (the poller picks those with a mailbox on). */
export async function mailboxSites(ch: ClickHouseClient): Promise<{ siteId: string; settings: string }[]> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT site_id, argMax(settings, version) AS settings FROM ${TABLES.mailSettings}
              WHERE site_id != '' GROUP BY site_id ORDER BY site_id`,
    },
    z.object({ site_id: col.text, settings: col.text }),
  );
  return rows.map((r) => ({ siteId: r.site_id, settings: r.settings }));
}
