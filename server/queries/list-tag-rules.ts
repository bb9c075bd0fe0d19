import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { tagCondition, type TagRule } from '../contract/tag-schema.ts';

/** The live automatic tag rules of one site, or of every site when siteId is undefined (the engine's start). */
export async function listTagRules(
  client: ClickHouseClient,
  siteId?: string,
): Promise<(TagRule & { siteId: string; version: number })[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, rule_id, tag_id, name, condition, version
            FROM ${TABLES.tagRules} FINAL
            WHERE (site_id = {siteId:String} OR {all:Bool}) AND is_deleted = 0
            ORDER BY site_id, lower(name), rule_id`,
      query_params: { siteId: siteId ?? '', all: siteId === undefined },
    },
    z.object({
      site_id: col.text,
      rule_id: col.text,
      tag_id: col.text,
      name: col.text,
      condition: z.string().transform((s) => tagCondition.parse(JSON.parse(s))),
      version: col.int,
    }),
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    ruleId: r.rule_id,
    tagId: r.tag_id,
    name: r.name,
    condition: r.condition,
    version: r.version,
  }));
}
