import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { TAG_COLORS, type Tag } from '../contract/tag-schema.ts';

/** A site's live tags by name; FINAL drops the ones whose newest version is a deletion. */
export async function listTags(client: ClickHouseClient, siteId: string): Promise<(Tag & { version: number })[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT tag_id, name, color, description, version
            FROM ${TABLES.tags} FINAL
            WHERE site_id = {siteId:String} AND is_deleted = 0
            ORDER BY lower(name), tag_id`,
      query_params: { siteId },
    },
    z.object({ tag_id: col.text, name: col.text, color: z.enum(TAG_COLORS), description: col.text, version: col.int }),
  );
  return rows.map((r) => ({
    tagId: r.tag_id,
    name: r.name,
    color: r.color,
    description: r.description,
    version: r.version,
  }));
}
