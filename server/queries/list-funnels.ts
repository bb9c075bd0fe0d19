import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { funnelDefinition, type Funnel } from '../contract/funnels.ts';

/** A site's saved funnels by name; a stored funnel the current step table refuses is left out. */
export async function listFunnels(client: ClickHouseClient, siteId: string): Promise<Funnel[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT funnel_id, name, window_mode, window_days, steps
            FROM ${TABLES.funnels} FINAL
            WHERE site_id = {siteId:String} AND is_deleted = 0
            ORDER BY lower(name), funnel_id`,
      query_params: { siteId },
    },
    z.object({ funnel_id: col.text, name: col.text, window_mode: col.text, window_days: col.int, steps: col.text }),
  );
  return rows.flatMap((r) => {
    const definition = funnelDefinition.safeParse({
      windowMode: r.window_mode,
      windowDays: r.window_days,
      steps: JSON.parse(r.steps) as unknown,
    });
    return definition.success ? [{ funnelId: r.funnel_id, name: r.name, definition: definition.data }] : [];
  });
}
