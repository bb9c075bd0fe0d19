import type { ClickHouseClient } from '@clickhouse/client';
import { getSubjectTags } from '../queries/subject-tags.ts';

/**
 * A list page's rows with the tag ids each carries (its own, as a lead or chat, and its
 * visitor's), for the Tags column and the CSV export: one read for the whole page.
 */
export async function withTagIds<T>(
  client: ClickHouseClient,
  siteId: string,
  rows: T[],
  ids: { visitor: (row: T) => string; own?: { kind: 'lead' | 'chat'; id: (row: T) => string } },
): Promise<(T & { tagIds: string[] })[]> {
  if (rows.length === 0) return [];
  const visitorIds = [...new Set(rows.map(ids.visitor).filter(Boolean))];
  const [byVisitor, byOwn] = await Promise.all([
    getSubjectTags(client, siteId, 'visitor', { subjectIds: visitorIds }),
    ids.own ? getSubjectTags(client, siteId, ids.own.kind, { subjectIds: rows.map(ids.own.id) }) : [],
  ]);
  const held = new Map<string, Set<string>>();
  const add = (key: string, tagId: string) => {
    let set = held.get(key);
    if (!set) held.set(key, (set = new Set()));
    set.add(tagId);
  };
  for (const h of byVisitor) add(`v:${h.subjectId}`, h.tagId);
  for (const h of byOwn) add(`o:${h.subjectId}`, h.tagId);
  return rows.map((row) => ({
    ...row,
    tagIds: [
      ...new Set([
        ...(ids.own ? (held.get(`o:${ids.own.id(row)}`) ?? []) : []),
        ...(held.get(`v:${ids.visitor(row)}`) ?? []),
      ]),
    ],
  }));
}
