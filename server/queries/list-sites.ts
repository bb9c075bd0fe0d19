import type { ClickHouseClient } from '@clickhouse/client';
import type { SiteRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Site } from '../contract/site.ts';

export async function listSites(client: ClickHouseClient): Promise<Site[]> {
  const result = await client.query({
    query: `SELECT site_id, name, domains, time_zone, respect_dnt, api_secret, toUnixTimestamp64Milli(created_at) AS created_at, version, is_deleted
            FROM ${TABLES.sites} FINAL
            ORDER BY created_at`,
    format: 'JSONEachRow',
  });
  return (await result.json<SiteRow>()).map(siteFromRow);
}

function siteFromRow(row: SiteRow): Site {
  return {
    id: row.site_id,
    name: row.name,
    domains: row.domains,
    timeZone: row.time_zone,
    respectDnt: row.respect_dnt === 1,
    apiSecret: row.api_secret,
    createdAt: Number(row.created_at),
  };
}
