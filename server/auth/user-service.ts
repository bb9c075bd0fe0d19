import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { listUsers, type UserRecord } from '../queries/list-users.ts';
import { newId } from '../sites/site-service.ts';
import { realtimeBus } from '../bus/bus.ts';
import { hashPassword } from './password.ts';
import type { Role } from '../contract/roles.ts';
import { hashToken, revokeUserSessions } from './session-store.ts';

export interface UserInput {
  id?: string;
  email: string;
  name: string;
  role: Role;
  siteIds: string[];
  /** New password; absent keeps the stored hash. */
  password?: string;
}

export async function saveUser(client: ClickHouseClient, input: UserInput, existing?: UserRecord): Promise<UserRecord> {
  const now = Date.now();
  const user: UserRecord = {
    id: existing?.id ?? input.id ?? newId(),
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    siteIds: input.siteIds,
    passwordHash: input.password ? await hashPassword(input.password) : (existing?.passwordHash ?? ''),
    createdAt: existing?.createdAt ?? now,
  };
  await client.insert({
    table: TABLES.users,
    values: [{ user_id: user.id, email: user.email, name: user.name, password_hash: user.passwordHash, role: user.role, site_ids: user.siteIds, created_at: user.createdAt, version: now, is_deleted: 0 }],
    format: 'JSONEachRow',
  });
  return user;
}

export async function removeUser(client: ClickHouseClient, user: UserRecord): Promise<void> {
  await client.insert({
    table: TABLES.users,
    values: [{ user_id: user.id, email: user.email, name: user.name, password_hash: '', role: user.role, site_ids: [], created_at: user.createdAt, version: Date.now(), is_deleted: 1 }],
    format: 'JSONEachRow',
  });
}

/**
 * Ends every session of a user but `keepToken` (the caller's own, or none), including their
 * open /ws/agent sockets: whoever knew the old password may hold one of them.
 */
export async function endUserSessions(client: ClickHouseClient, userId: string, keepToken: string | null): Promise<void> {
  const keepHash = keepToken ? hashToken(keepToken) : null;
  await revokeUserSessions(client, userId, keepHash);
  realtimeBus().publish('sessions', { userId, keepHash });
}

/** A new password for `user`; every other session of theirs ends. */
export async function changePassword(client: ClickHouseClient, user: UserRecord, password: string, keepToken: string | null): Promise<void> {
  await saveUser(client, { ...user, password }, user);
  await endUserSessions(client, user.id, keepToken);
}

export const FIRST_ADMIN_EMAIL = 'admin@leadtrail.local';

/**
 * With no users at all, creates the first admin and returns its one-time password so the
 * server can print it once. A fixed password can be given for automation (tests, demos).
 */
export async function ensureFirstAdmin(client: ClickHouseClient, fixedPassword?: string): Promise<{ id: string; email: string; password: string } | null> {
  if ((await listUsers(client)).length > 0) return null;
  const password = fixedPassword ?? newId(16);
  const user = await saveUser(client, { email: FIRST_ADMIN_EMAIL, name: 'Admin', role: 'admin', siteIds: [], password });
  return { id: user.id, email: FIRST_ADMIN_EMAIL, password };
}
