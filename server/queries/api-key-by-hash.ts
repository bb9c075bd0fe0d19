import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface StoredApiKey {
  siteId: string;
  keyId: string;
  prefix: string;
  scopes: string[];
  /** 0 while the key works. */
  revokedAt: number;
}

/**
 * The newest version of the key with this hash, on any site (the key says which), or null.
 * Ordered by version rather than FINAL: a revoke just written may not be merged yet.
 */
export async function getApiKeyByHash(client: ClickHouseClient, keyHash: string): Promise<StoredApiKey | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id AS siteId, key_id AS keyId, prefix, scopes, toUnixTimestamp64Milli(revoked_at) AS revokedAt
            FROM ${TABLES.apiKeys}
            WHERE key_hash = {keyHash:String}
            ORDER BY version DESC
            LIMIT 1`,
      query_params: { keyHash },
    },
    z.object({ siteId: col.text, keyId: col.text, prefix: col.text, scopes: col.texts, revokedAt: col.ms }),
  );
  return rows[0] ?? null;
}
