import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { goalDefinition, type Goal } from '../contract/goals.ts';

/** A site's live goals by name; FINAL drops the ones whose newest version is a deletion. */
export async function listGoals(client: ClickHouseClient, siteId: string): Promise<Goal[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT goal_id, name, kind, pattern, event_name, prop_key, prop_value
            FROM ${TABLES.goals} FINAL
            WHERE site_id = {siteId:String} AND is_deleted = 0
            ORDER BY lower(name), goal_id`,
      query_params: { siteId },
    },
    z.object({
      goal_id: col.text,
      name: col.text,
      kind: col.text,
      pattern: col.text,
      event_name: col.text,
      prop_key: col.text,
      prop_value: col.text,
    }),
  );
  return rows.map((r) => ({
    goalId: r.goal_id,
    name: r.name,
    definition: goalDefinition.parse(
      r.kind === 'page'
        ? { kind: 'page', pattern: r.pattern }
        : { kind: 'event', eventName: r.event_name, propKey: r.prop_key, propValue: r.prop_value },
    ),
  }));
}
