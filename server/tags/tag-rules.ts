import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError } from '../contract/errors.ts';
import { tagRuleInput, type TagRule, type TagRuleInput, type TagRuleProgress } from '../contract/tag-schema.ts';
import { processSingleton } from '../process-singleton.ts';
import { listTagRules } from '../queries/list-tag-rules.ts';
import { listTags } from '../queries/list-tags.ts';
import { getSubjectTags } from '../queries/subject-tags.ts';
import { nextTagVersion, recordAssignments } from './record-assignments.ts';
import { ruleVisitors } from './rule-matches.ts';
import { newTagKey } from './tag-service.ts';

/** Visitor ids written per insert of a history pass; progress moves on after each. */
const HISTORY_CHUNK = 5000;

const progress = () => processSingleton('tagRuleProgress', () => new Map<string, TagRuleProgress>());

export function ruleProgress(ruleId: string): TagRuleProgress | null {
  return progress().get(ruleId) ?? null;
}

async function writeRule(client: ClickHouseClient, siteId: string, rule: TagRule, deleted: boolean): Promise<void> {
  await client.insert({
    table: TABLES.tagRules,
    values: [
      {
        site_id: siteId,
        rule_id: rule.ruleId,
        tag_id: rule.tagId,
        name: rule.name,
        condition: JSON.stringify(rule.condition),
        version: nextTagVersion(),
        is_deleted: deleted ? 1 : 0,
      },
    ],
    format: 'JSONEachRow',
  });
}

/**
 * Saves a rule and starts its pass over stored history (not awaited: the screen polls
 * ruleProgress). `history` resolves when the pass is over, for callers that wait.
 */
export async function saveTagRule(
  client: ClickHouseClient,
  siteId: string,
  raw: TagRuleInput,
): Promise<{ rule: TagRule; history: Promise<void> }> {
  const input = tagRuleInput.parse(raw);
  if (!(await listTags(client, siteId)).some((t) => t.tagId === input.tagId)) throw new NotFoundError('No such tag');
  const rules = await listTagRules(client, siteId);
  if (input.ruleId !== undefined && !rules.some((r) => r.ruleId === input.ruleId))
    throw new NotFoundError('No such tag rule');
  const rule: TagRule = {
    ruleId: input.ruleId ?? newTagKey('tr'),
    name: input.name,
    tagId: input.tagId,
    condition: input.condition,
  };
  await writeRule(client, siteId, rule, false);
  progress().set(rule.ruleId, { state: 'running', done: 0, total: 0 });
  const history = runHistory(client, siteId, rule).catch((error: unknown) => {
    console.error('tags: a rule history pass failed', error);
    progress().set(rule.ruleId, { ...(ruleProgress(rule.ruleId) ?? { done: 0, total: 0 }), state: 'failed' });
  });
  return { rule, history };
}

async function runHistory(client: ClickHouseClient, siteId: string, rule: TagRule): Promise<void> {
  const ids = await ruleVisitors(client, siteId, rule);
  const state: TagRuleProgress = { state: 'running', done: 0, total: ids.length };
  progress().set(rule.ruleId, state);
  for (let i = 0; i < ids.length; i += HISTORY_CHUNK) {
    const chunk = ids.slice(i, i + HISTORY_CHUNK);
    await recordAssignments(
      client,
      siteId,
      chunk.map((id) => ({
        kind: 'visitor',
        subjectId: id,
        tagId: rule.tagId,
        origin: 'rule',
        ruleId: rule.ruleId,
        userId: '',
        removed: false,
      })),
    );
    state.done += chunk.length;
  }
  state.state = 'done';
}

/**
 * Deletes a rule and takes its tag off the visitors it tagged (a visitor tagged by hand
 * since keeps it). While the rule lived, its tag stayed when the condition stopped holding.
 */
export async function removeTagRule(client: ClickHouseClient, siteId: string, ruleId: string): Promise<number> {
  const rule = (await listTagRules(client, siteId)).find((r) => r.ruleId === ruleId);
  if (!rule) throw new NotFoundError('No such tag rule');
  await writeRule(client, siteId, rule, true);
  progress().delete(ruleId);
  const held = await getSubjectTags(client, siteId, 'visitor', { ruleId });
  return recordAssignments(
    client,
    siteId,
    held.map((h) => ({
      kind: 'visitor',
      subjectId: h.subjectId,
      tagId: h.tagId,
      origin: 'rule',
      ruleId,
      userId: '',
      removed: true,
    })),
  );
}
