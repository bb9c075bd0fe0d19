import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { SiteRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Site } from '../contract/site.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const storedSiteRow = z.object({
  site_id: col.text,
  name: col.text,
  domains: col.texts,
  time_zone: col.text,
  respect_dnt: col.int,
  api_secret: col.text,
  created_at: col.ms,
  version: col.int,
  is_deleted: col.int,
}) satisfies z.ZodType<SiteRow>;

export async function listSites(client: ClickHouseClient): Promise<Site[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, name, domains, time_zone, respect_dnt, api_secret, toUnixTimestamp64Milli(created_at) AS created_at, version, is_deleted
            FROM ${TABLES.sites} FINAL
            ORDER BY created_at`,
    },
    storedSiteRow,
  );
  return rows.map(siteFromRow);
}

function siteFromRow(row: SiteRow): Site {
  return {
    id: row.site_id,
    name: row.name,
    domains: row.domains,
    timeZone: row.time_zone,
    respectDnt: row.respect_dnt === 1,
    apiSecret: row.api_secret,
    createdAt: row.created_at,
  };
}
