import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Every site's newest business hours and robot settings, as the JSON they were saved as. */
export async function listServiceSettings(
  client: ClickHouseClient,
): Promise<{ siteId: string; hours: string; robot: string; calls: string }[]> {
  return readRows(
    client,
    {
      query: `SELECT site_id AS siteId, argMax(hours, version) AS hours, argMax(robot, version) AS robot, argMax(calls, version) AS calls
            FROM ${TABLES.siteService}
            GROUP BY site_id`,
    },
    z.object({ siteId: col.text, hours: col.text, robot: col.text, calls: col.text }),
  );
}
