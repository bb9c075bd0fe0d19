import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ApiKeyRow {
  site_id: string;
  key_id: string;
  key_hash: string;
  prefix: string;
  name: string;
  scopes: string[];
  created_by: string;
  created_at: number;
  revoked_at: number;
  version: number;
}

/** The newest version of one key of one site (hash included, for writing its next version), or null. */
export async function getApiKeyById(
  client: ClickHouseClient,
  siteId: string,
  keyId: string,
): Promise<ApiKeyRow | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, key_id, key_hash, prefix, name, scopes, created_by,
                   toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(revoked_at) AS revoked_at, version
            FROM ${TABLES.apiKeys}
            WHERE site_id = {siteId:String} AND key_id = {keyId:String}
            ORDER BY version DESC
            LIMIT 1`,
      query_params: { siteId, keyId },
    },
    z.object({
      site_id: col.text,
      key_id: col.text,
      key_hash: col.text,
      prefix: col.text,
      name: col.text,
      scopes: col.texts,
      created_by: col.text,
      created_at: col.ms,
      revoked_at: col.ms,
      version: col.int,
    }),
  );
  return rows[0] ?? null;
}
