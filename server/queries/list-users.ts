import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { ROLES, type Role } from '../contract/roles.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  siteIds: string[];
  passwordHash: string;
  createdAt: number;
}

const userRow = z.object({
  user_id: col.text,
  email: col.text,
  name: col.text,
  role: z.enum(ROLES),
  site_ids: col.texts,
  password_hash: col.text,
  created_at: col.ms,
});

/** All live users, or the one with `email` when given. */
export async function listUsers(client: ClickHouseClient, email?: string): Promise<UserRecord[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT user_id, email, name, role, site_ids, password_hash, toUnixTimestamp64Milli(created_at) AS created_at
            FROM ${TABLES.users} FINAL
            WHERE {email:String} = '' OR email = {email:String}
            ORDER BY created_at`,
      query_params: { email: email?.toLowerCase() ?? '' },
    },
    userRow,
  );
  return rows.map((r) => ({
    id: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role,
    siteIds: r.site_ids,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
  }));
}
