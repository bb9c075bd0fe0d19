import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { ruleDefinition, type InviteRule } from '../contract/rule-schema.ts';

/** The rules of one site (or of every site), newest version of each, deleted ones left out. */
export async function listInviteRules(client: ClickHouseClient, siteId?: string): Promise<(InviteRule & { siteId: string })[]> {
  const result = await client.query({
    query: `SELECT site_id, rule_id, name, enabled, definition
            FROM ${TABLES.inviteRules} FINAL
            WHERE {all:Bool} OR site_id = {siteId:String}
            ORDER BY site_id, name, rule_id`,
    query_params: { all: siteId === undefined, siteId: siteId ?? '' },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ site_id: string; rule_id: string; name: string; enabled: number; definition: string }>();
  return rows.flatMap((r) => {
    // A definition an older version wrote and this one cannot read is skipped, not fatal.
    const definition = ruleDefinition.safeParse(JSON.parse(r.definition));
    return definition.success ? [{ siteId: r.site_id, ruleId: r.rule_id, name: r.name, enabled: Number(r.enabled) === 1, definition: definition.data }] : [];
  });
}
