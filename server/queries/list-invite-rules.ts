import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { ruleDefinition, type InviteRule } from '../contract/rule-schema.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The rules of one site (or of every site), newest version of each, deleted ones left out. */
export async function listInviteRules(
  client: ClickHouseClient,
  siteId?: string,
): Promise<(InviteRule & { siteId: string })[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, rule_id, name, enabled, definition
            FROM ${TABLES.inviteRules} FINAL
            WHERE {all:Bool} OR site_id = {siteId:String}
            ORDER BY site_id, name, rule_id`,
      query_params: { all: siteId === undefined, siteId: siteId ?? '' },
    },
    z.object({ site_id: col.text, rule_id: col.text, name: col.text, enabled: col.flag, definition: col.text }),
  );
  return rows.flatMap((r) => {
    // A definition an older version wrote and this one cannot read is skipped, not fatal.
    const definition = ruleDefinition.safeParse(JSON.parse(r.definition));
    return definition.success
      ? [{ siteId: r.site_id, ruleId: r.rule_id, name: r.name, enabled: r.enabled, definition: definition.data }]
      : [];
  });
}
