import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Role } from '../contract/roles.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  siteIds: string[];
  passwordHash: string;
  createdAt: number;
}

interface Row {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  site_ids: string[];
  password_hash: string;
  created_at: string;
}

/** All live users, or the one with `email` when given. */
export async function listUsers(client: ClickHouseClient, email?: string): Promise<UserRecord[]> {
  const result = await client.query({
    query: `SELECT user_id, email, name, role, site_ids, password_hash, toUnixTimestamp64Milli(created_at) AS created_at
            FROM ${TABLES.users} FINAL
            WHERE {email:String} = '' OR email = {email:String}
            ORDER BY created_at`,
    query_params: { email: email?.toLowerCase() ?? '' },
    format: 'JSONEachRow',
  });
  return (await result.json<Row>()).map((r) => ({
    id: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role,
    siteIds: r.site_ids,
    passwordHash: r.password_hash,
    createdAt: Number(r.created_at),
  }));
}
