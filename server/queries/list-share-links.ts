import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ShareLinkRow {
  linkId: string;
  name: string;
  hasPassword: boolean;
  createdBy: string;
  createdAt: number;
  /** 0 while the link works. */
  revokedAt: number;
  /** Every stored version, newest first: what a revoke or a password change copies forward. */
  tokenHash: string;
  passwordHash: string;
  version: number;
}

/** A site's share links, newest version of each, newest link first. */
export async function listShareLinks(client: ClickHouseClient, siteId: string): Promise<ShareLinkRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT link_id AS linkId, argMax(name, l.version) AS name, argMax(password_hash, l.version) AS passwordHash,
                     argMax(token_hash, l.version) AS tokenHash, argMax(created_by, l.version) AS createdBy,
                     toUnixTimestamp64Milli(min(created_at)) AS createdAt,
                     toUnixTimestamp64Milli(argMax(revoked_at, l.version)) AS revokedAt, max(l.version) AS version
              FROM ${TABLES.shareLinks} AS l
              WHERE site_id = {siteId:String}
              GROUP BY link_id
              ORDER BY createdAt DESC, linkId`,
      query_params: { siteId },
    },
    z.object({
      linkId: col.text,
      name: col.text,
      passwordHash: col.text,
      tokenHash: col.text,
      createdBy: col.text,
      createdAt: col.ms,
      revokedAt: col.ms,
      version: col.int,
    }),
  );
  return rows.map((r) => ({ ...r, hasPassword: r.passwordHash !== '' }));
}
