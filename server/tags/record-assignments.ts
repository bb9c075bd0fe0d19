import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { TagSubject } from '../contract/tag-schema.ts';
import { processSingleton } from '../process-singleton.ts';
import { visitorTagCache } from './tag-cache.ts';

export interface Assignment {
  kind: TagSubject;
  subjectId: string;
  tagId: string;
  origin: 'manual' | 'rule';
  ruleId: string;
  userId: string;
  removed: boolean;
}

/** What a `tag.added` webhook needs: which tag reached which subject, and how. */
export interface TagAdded {
  siteId: string;
  tagId: string;
  kind: TagSubject;
  subjectId: string;
  origin: 'manual' | 'rule';
  ruleId: string;
  at: number;
}

type Listener = (event: TagAdded) => void;
const listeners = () => processSingleton('tagAddedListeners', () => new Set<Listener>());

/** Called for every tag newly added to a subject (manual or by a rule); returns the unsubscribe. */
export function onTagAdded(listener: Listener): () => void {
  listeners().add(listener);
  return () => void listeners().delete(listener);
}

// ReplacingMergeTree keeps the highest version: versions only grow, even within one millisecond.
const clock = () => processSingleton('tagVersionClock', () => ({ last: 0 }));
export function nextTagVersion(now = Date.now()): number {
  const c = clock();
  c.last = Math.max(now, c.last + 1);
  return c.last;
}

/**
 * The one place a tag assignment is recorded (stored, mirrored in the visitor tag cache,
 * announced to onTagAdded listeners). A rule re-adding a tag its visitor already holds
 * writes nothing; a manual add over a rule's tag is written, so deleting the rule keeps it.
 */
export async function recordAssignments(
  client: ClickHouseClient,
  siteId: string,
  assignments: readonly Assignment[],
  now = Date.now(),
): Promise<number> {
  const cache = visitorTagCache();
  const fresh = assignments.filter((a) => {
    if (a.kind !== 'visitor') return true;
    const held = cache.tagsOf(siteId, a.subjectId).get(a.tagId);
    if (a.removed) return true;
    return !(held && (a.origin === 'rule' || held.origin === 'manual'));
  });
  if (fresh.length === 0) return 0;
  const version = nextTagVersion(now);
  await client.insert({
    table: TABLES.tagAssignments,
    values: fresh.map((a) => ({
      site_id: siteId,
      subject_kind: a.kind,
      tag_id: a.tagId,
      subject_id: a.subjectId,
      origin: a.origin,
      rule_id: a.ruleId,
      user_id: a.userId,
      is_removed: a.removed ? 1 : 0,
      version,
    })),
    format: 'JSONEachRow',
  });
  for (const a of fresh) {
    const wasHeld = a.kind === 'visitor' && cache.tagsOf(siteId, a.subjectId).has(a.tagId);
    if (a.kind === 'visitor')
      cache.set(siteId, a.subjectId, a.tagId, a.removed ? null : { origin: a.origin, ruleId: a.ruleId });
    if (a.removed || wasHeld) continue;
    const event: TagAdded = {
      siteId,
      tagId: a.tagId,
      kind: a.kind,
      subjectId: a.subjectId,
      origin: a.origin,
      ruleId: a.ruleId,
      at: now,
    };
    for (const listener of listeners()) {
      try {
        listener(event);
      } catch (error) {
        console.error('tags: a tag.added listener failed', error);
      }
    }
  }
  return fresh.length;
}
