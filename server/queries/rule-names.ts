import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/**
 * Every rule a site ever had, deleted ones included, by its last name: reports of past
 * invitations name a rule that is gone. Read without FINAL, so a deletion written before
 * deletions kept the name still finds the older named version until a merge drops it.
 */
export async function getRuleNames(
  client: ClickHouseClient,
  siteId: string,
): Promise<Map<string, { name: string; deleted: boolean }>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT rule_id, argMaxIf(name, version, name != '') AS name, argMax(is_deleted, version) AS deleted
            FROM ${TABLES.inviteRules}
            WHERE site_id = {siteId:String}
            GROUP BY rule_id`,
      query_params: { siteId },
    },
    z.object({ rule_id: col.text, name: col.text, deleted: col.flag }),
  );
  return new Map(rows.map((r) => [r.rule_id, { name: r.name, deleted: r.deleted }]));
}
