import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ApiKeyListRow {
  keyId: string;
  prefix: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: number;
  /** 0 when never used. */
  lastUsedAt: number;
  /** 0 while the key works. */
  revokedAt: number;
}

/** A site's API keys, newest first, with when each was last used; never the hash. */
export async function listApiKeys(client: ClickHouseClient, siteId: string): Promise<ApiKeyListRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT k.key_id AS keyId, k.prefix, k.name, k.scopes, k.created_by AS createdBy,
                   toUnixTimestamp64Milli(k.created_at) AS createdAt,
                   toUnixTimestamp64Milli(k.revoked_at) AS revokedAt,
                   toUnixTimestamp64Milli(u.used_at) AS lastUsedAt
            FROM (SELECT * FROM ${TABLES.apiKeys} FINAL WHERE site_id = {siteId:String}) AS k
            LEFT JOIN (SELECT key_id, max(used_at) AS used_at FROM ${TABLES.apiKeyUses}
                       WHERE site_id = {siteId:String} GROUP BY key_id) AS u ON u.key_id = k.key_id
            ORDER BY k.created_at DESC, k.key_id
            SETTINGS join_use_nulls = 0`,
      query_params: { siteId },
    },
    z.object({
      keyId: col.text,
      prefix: col.text,
      name: col.text,
      scopes: col.texts,
      createdBy: col.text,
      createdAt: col.ms,
      revokedAt: col.ms,
      lastUsedAt: col.ms,
    }),
  );
  return rows;
}
