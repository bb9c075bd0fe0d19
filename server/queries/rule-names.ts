import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/**
 * Every rule a site ever had, deleted ones included, by its last name: reports of past
 * invitations name a rule that is gone. Read without FINAL, so a deletion written before
 * deletions kept the name still finds the older named version until a merge drops it.
 */
export async function getRuleNames(client: ClickHouseClient, siteId: string): Promise<Map<string, { name: string; deleted: boolean }>> {
  const result = await client.query({
    query: `SELECT rule_id, argMaxIf(name, version, name != '') AS name, argMax(is_deleted, version) AS deleted
            FROM ${TABLES.inviteRules}
            WHERE site_id = {siteId:String}
            GROUP BY rule_id`,
    query_params: { siteId },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ rule_id: string; name: string; deleted: number }>();
  return new Map(rows.map((r) => [r.rule_id, { name: r.name, deleted: Number(r.deleted) === 1 }]));
}
