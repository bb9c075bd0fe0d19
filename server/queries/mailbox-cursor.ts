import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** How far a site's mailbox was read; null before its first poll. */
export async function mailboxCursor(
  ch: ClickHouseClient,
  siteId: string,
): Promise<{ uidValidity: number; lastUid: number } | null> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT argMax(uid_validity, version) AS v, argMax(last_uid, version) AS u
              FROM ${TABLES.mailboxCursors} WHERE site_id = {siteId:String} GROUP BY site_id`,
      query_params: { siteId },
    },
    z.object({ v: col.int, u: col.int }),
  );
  const r = rows[0];
  return r ? { uidValidity: r.v, lastUid: r.u } : null;
}
