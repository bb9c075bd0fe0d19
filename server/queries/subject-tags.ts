import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { TagSubject } from '../contract/tag-schema.ts';

export interface SubjectTag {
  subjectId: string;
  tagId: string;
  origin: 'manual' | 'rule';
  ruleId: string;
  version: number;
}

/**
 * The tags these subjects carry now (newest row per subject and tag, not a removal), of
 * tags still alive. With `subjectIds` undefined: every subject of the kind (the cache's
 * start, a deleted tag or rule's sweep); `tagId` / `ruleId` narrow it.
 */
export async function getSubjectTags(
  client: ClickHouseClient,
  siteId: string | undefined,
  kind: TagSubject,
  opts: { subjectIds?: readonly string[]; tagId?: string; ruleId?: string } = {},
): Promise<(SubjectTag & { siteId: string })[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, subject_id, tag_id, origin, rule_id, version
            FROM ${TABLES.tagAssignments} FINAL
            WHERE (site_id = {siteId:String} OR {allSites:Bool}) AND subject_kind = {kind:String} AND is_removed = 0
              AND ({allSubjects:Bool} OR subject_id IN {ids:Array(String)})
              AND ({tagId:String} = '' OR tag_id = {tagId:String})
              AND ({ruleId:String} = '' OR (origin = 'rule' AND rule_id = {ruleId:String}))
              AND (site_id, tag_id) IN (SELECT site_id, tag_id FROM ${TABLES.tags} FINAL WHERE is_deleted = 0)`,
      query_params: {
        siteId: siteId ?? '',
        allSites: siteId === undefined,
        kind,
        allSubjects: opts.subjectIds === undefined,
        ids: [...(opts.subjectIds ?? [])],
        tagId: opts.tagId ?? '',
        ruleId: opts.ruleId ?? '',
      },
    },
    z.object({
      site_id: col.text,
      subject_id: col.text,
      tag_id: col.text,
      origin: z.enum(['manual', 'rule']),
      rule_id: col.text,
      version: col.int,
    }),
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    subjectId: r.subject_id,
    tagId: r.tag_id,
    origin: r.origin,
    ruleId: r.rule_id,
    version: r.version,
  }));
}
