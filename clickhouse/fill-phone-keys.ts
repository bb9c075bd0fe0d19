import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { phoneKey, regionOfTimeZone } from '../server/contract/phone-key.ts';
import { col, readRows } from './read-rows.ts';
import { TABLES } from './tables.ts';

/**
 * `PHONE KEYS INTO table` fills `table` (site_id, phone, phone_key) with every phone the
 * identities and leads hold and its key in the region of its site's time zone.
 */
export const PHONE_KEYS = /^PHONE KEYS INTO (\w+)$/;

export async function fillPhoneKeys(client: ClickHouseClient, target: string): Promise<void> {
  const rows = await readRows(
    client,
    {
      query: `SELECT p.site_id AS site_id, p.phone AS phone, s.time_zone AS time_zone FROM (
              SELECT DISTINCT toString(site_id) AS site_id, phone FROM ${TABLES.identities} WHERE phone != ''
              UNION DISTINCT
              SELECT DISTINCT toString(site_id) AS site_id, phone FROM ${TABLES.leads} WHERE phone != ''
            ) AS p
            LEFT JOIN (SELECT site_id, argMax(time_zone, version) AS time_zone FROM ${TABLES.sites} GROUP BY site_id) AS s
              ON s.site_id = p.site_id`,
    },
    z.object({ site_id: col.text, phone: col.text, time_zone: col.text }),
  );
  const values = rows.map((r) => ({
    site_id: r.site_id,
    phone: r.phone,
    phone_key: phoneKey(r.phone, regionOfTimeZone(r.time_zone)),
  }));
  // 10k rows per insert keeps a large store's JSON off the event loop in one piece.
  for (let i = 0; i < values.length; i += 10_000) {
    await client.insert({ table: target, values: values.slice(i, i + 10_000), format: 'JSONEachRow' });
  }
}
