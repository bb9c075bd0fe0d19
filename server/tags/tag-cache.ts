import type { ClickHouseClient } from '@clickhouse/client';
import { processSingleton } from '../process-singleton.ts';
import { getSubjectTags } from '../queries/subject-tags.ts';

export interface HeldTag {
  origin: 'manual' | 'rule';
  ruleId: string;
}

/**
 * Every visitor id's tags in memory: invitation rules check them each second for every
 * live visitor, and the rule engine skips visitors who already carry a rule's tag. Loaded
 * once at start; every write goes through recordAssignments, which keeps it current.
 */
export class VisitorTagCache {
  private readonly sites = new Map<string, Map<string, Map<string, HeldTag>>>();
  private loading: Promise<void> | undefined;

  load(client: ClickHouseClient): Promise<void> {
    this.loading ??= getSubjectTags(client, undefined, 'visitor').then((rows) => {
      for (const r of rows) this.set(r.siteId, r.subjectId, r.tagId, { origin: r.origin, ruleId: r.ruleId });
    });
    return this.loading;
  }

  tagsOf(siteId: string, visitorId: string): ReadonlyMap<string, HeldTag> {
    return this.sites.get(siteId)?.get(visitorId) ?? new Map<string, HeldTag>();
  }

  set(siteId: string, visitorId: string, tagId: string, held: HeldTag | null): void {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = new Map<string, Map<string, HeldTag>>()));
    let tags = site.get(visitorId);
    if (!held) {
      tags?.delete(tagId);
      if (tags?.size === 0) site.delete(visitorId);
      return;
    }
    if (!tags) site.set(visitorId, (tags = new Map<string, HeldTag>()));
    tags.set(tagId, held);
  }
}

/** The process's cache, shared with the module copies Next loads (tRPC writes reach it too). */
export function visitorTagCache(): VisitorTagCache {
  return processSingleton('visitorTagCache', () => new VisitorTagCache());
}
