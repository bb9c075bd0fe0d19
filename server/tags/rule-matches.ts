import type { ClickHouseClient } from '@clickhouse/client';
import type { TagRule } from '../contract/tag-schema.ts';
import { matchesPattern } from '../chat/rule-match.ts';
import { getSitePaths } from '../queries/site-paths.ts';
import { getTagRuleVisitors } from '../queries/tag-rule-visitors.ts';

/**
 * The visitor ids (of `visitorIds`, or of the whole site) that meet a rule now. A page
 * pattern is matched on the distinct paths in memory, with the same linear glob as
 * invitation rules, then counted in the store.
 */
export async function ruleVisitors(
  client: ClickHouseClient,
  siteId: string,
  rule: Pick<TagRule, 'condition'>,
  visitorIds?: readonly string[],
): Promise<string[]> {
  const c = rule.condition;
  if (c.kind !== 'pageVisits') return getTagRuleVisitors(client, siteId, c, { visitorIds });
  const paths = (await getSitePaths(client, siteId, visitorIds)).filter((p) => matchesPattern(p, c.pattern));
  if (paths.length === 0) return [];
  return getTagRuleVisitors(client, siteId, c, { visitorIds, paths });
}
