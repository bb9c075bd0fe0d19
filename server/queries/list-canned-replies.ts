import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface CannedReply {
  replyId: string;
  shortcut: string;
  body: string;
  /** The stored version; the next write of this reply must be above it. */
  version: number;
}

/**
 * The live canned replies of a site, by shortcut. FINAL collapses every reply to its
 * newest version and drops the ones whose newest version is a deletion (is_deleted = 1).
 */
export async function listCannedReplies(client: ClickHouseClient, siteId: string): Promise<CannedReply[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT reply_id, shortcut, body, version
            FROM ${TABLES.cannedReplies} FINAL
            WHERE site_id = {siteId:String}
            ORDER BY shortcut, reply_id`,
      query_params: { siteId },
    },
    z.object({ reply_id: col.text, shortcut: col.text, body: col.text, version: col.int }),
  );
  return rows.map((r) => ({ replyId: r.reply_id, shortcut: r.shortcut, body: r.body, version: r.version }));
}
