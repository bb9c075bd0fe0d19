import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { ROLES, type SessionUser } from '../contract/roles.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const sessionUserRow = z.object({
  id: col.text,
  email: col.text,
  name: col.text,
  role: z.enum(ROLES),
  siteIds: col.texts,
});

/** The user behind a live (unexpired, not signed-out) session token hash. */
export async function getSessionUser(client: ClickHouseClient, tokenHash: string): Promise<SessionUser | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT u.user_id AS id, u.email AS email, u.name AS name, u.role AS role, u.site_ids AS siteIds
            FROM (SELECT user_id FROM ${TABLES.authSessions} FINAL WHERE token_hash = {hash:String} AND expires_at > now64(3)) AS s
            INNER JOIN (SELECT * FROM ${TABLES.users} FINAL) AS u ON u.user_id = s.user_id
            LIMIT 1`,
      query_params: { hash: tokenHash },
    },
    sessionUserRow,
  );
  return rows[0] ?? null;
}
