import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface StoredShareLink {
  siteId: string;
  linkId: string;
  /** '' when the link has no password. */
  passwordHash: string;
  /** 0 while the link works. */
  revokedAt: number;
}

/**
 * The newest version of the link with this token hash, on any site, or null. Ordered by
 * version rather than FINAL: a revoke just written may not be merged yet.
 */
export async function getShareLinkByHash(client: ClickHouseClient, tokenHash: string): Promise<StoredShareLink | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id AS siteId, link_id AS linkId, password_hash AS passwordHash,
                     toUnixTimestamp64Milli(revoked_at) AS revokedAt
              FROM ${TABLES.shareLinks}
              WHERE link_id IN (SELECT link_id FROM ${TABLES.shareLinks} WHERE token_hash = {tokenHash:String})
              ORDER BY version DESC
              LIMIT 1`,
      query_params: { tokenHash },
    },
    z.object({ siteId: col.text, linkId: col.text, passwordHash: col.text, revokedAt: col.ms }),
  );
  return rows[0] ?? null;
}
