import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus } from '../bus/bus.ts';
import { getRuleNames } from '../queries/rule-names.ts';
import { newId } from '../sites/site-service.ts';
import { ruleInput, type InviteRule, type RuleInput } from '../contract/rule-schema.ts';

let lastVersion = 0;
/** Versions only grow, even for two saves in one millisecond. */
const nextVersion = () => (lastVersion = Math.max(Date.now(), lastVersion + 1));

/** Creates or replaces a rule; the server process's rule engine hears of it on the bus. */
export async function saveInviteRule(client: ClickHouseClient, siteId: string, raw: RuleInput): Promise<InviteRule> {
  const input = ruleInput.parse(raw);
  const rule: InviteRule = {
    ruleId: input.ruleId ?? `rule_${newId(12)}`,
    name: input.name,
    enabled: input.enabled,
    definition: input.definition,
  };
  await client.insert({
    table: TABLES.inviteRules,
    values: [
      {
        site_id: siteId,
        rule_id: rule.ruleId,
        name: rule.name,
        enabled: rule.enabled ? 1 : 0,
        definition: JSON.stringify(rule.definition),
        version: nextVersion(),
        is_deleted: 0,
      },
    ],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('rules', { siteId });
  return rule;
}

/** Deletes a rule; the deletion keeps its name, so reports of its past invitations still name it. */
export async function removeInviteRule(client: ClickHouseClient, siteId: string, ruleId: string): Promise<void> {
  const name = (await getRuleNames(client, siteId)).get(ruleId)?.name ?? '';
  await client.insert({
    table: TABLES.inviteRules,
    values: [
      { site_id: siteId, rule_id: ruleId, name, enabled: 0, definition: '{}', version: nextVersion(), is_deleted: 1 },
    ],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('rules', { siteId });
}
