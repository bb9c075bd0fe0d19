import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { AgentGroup } from '../contract/groups.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every site's live agent groups (deleted ones left out), by site, each site's sorted by name. */
export async function getAgentGroups(client: ClickHouseClient): Promise<Map<string, AgentGroup[]>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, group_id, name, members
            FROM ${TABLES.agentGroups} FINAL
            WHERE is_deleted = 0
            ORDER BY site_id, name, group_id`,
    },
    z.object({ site_id: col.text, group_id: col.text, name: col.text, members: col.texts }),
  );
  const out = new Map<string, AgentGroup[]>();
  for (const r of rows) {
    const list = out.get(r.site_id) ?? [];
    list.push({ groupId: r.group_id, name: r.name, members: r.members });
    out.set(r.site_id, list);
  }
  return out;
}
