import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { listUsers, type UserRecord } from '../queries/list-users.ts';
import { newId } from '../sites/site-service.ts';
import { realtimeBus } from '../bus/bus.ts';
import { hashPassword } from './password.ts';
import { ConflictError, InvalidError, NotFoundError } from '../contract/errors.ts';
import { can, type Role } from '../contract/roles.ts';
import { forgetCachedSessions, hashToken, revokeUserSessions } from './session-store.ts';

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
    values: [
      {
        user_id: user.id,
        email: user.email,
        name: user.name,
        password_hash: user.passwordHash,
        role: user.role,
        site_ids: user.siteIds,
        created_at: user.createdAt,
        version: now,
        is_deleted: 0,
      },
    ],
    format: 'JSONEachRow',
  });
  return user;
}

export async function removeUser(client: ClickHouseClient, user: UserRecord): Promise<void> {
  await client.insert({
    table: TABLES.users,
    values: [
      {
        user_id: user.id,
        email: user.email,
        name: user.name,
        password_hash: '',
        role: user.role,
        site_ids: [],
        created_at: user.createdAt,
        version: Date.now(),
        is_deleted: 1,
      },
    ],
    format: 'JSONEachRow',
  });
}

/**
 * Ends every session of a user but `keepToken` (the caller's own, or none), including their
 * open /ws/agent sockets: whoever knew the old password may hold one of them.
 */
export async function endUserSessions(
  client: ClickHouseClient,
  userId: string,
  keepToken: string | null,
): Promise<void> {
  const keepHash = keepToken ? hashToken(keepToken) : null;
  await revokeUserSessions(client, userId, keepHash);
  realtimeBus().publish('sessions', { userId, keepHash });
}

/** A new password for `user`; every other session of theirs ends. */
export async function changePassword(
  client: ClickHouseClient,
  user: UserRecord,
  password: string,
  keepToken: string | null,
): Promise<void> {
  await saveUser(client, { ...user, password }, user);
  await endUserSessions(client, user.id, keepToken);
}

/** Who is asking: their own session survives their own password change. */
export interface Actor {
  id: string;
  token: string | null;
}

const EMAIL_TAKEN = 'A user with this email exists';

function userById(users: UserRecord[], id: string): UserRecord {
  const user = users.find((u) => u.id === id);
  if (!user) throw new NotFoundError('No such user');
  return user;
}

/** A new user; the email must be free. */
export async function createUser(
  client: ClickHouseClient,
  input: UserInput & { password: string },
): Promise<UserRecord> {
  if ((await listUsers(client, input.email)).length > 0) throw new ConflictError(EMAIL_TAKEN);
  return saveUser(client, input);
}

/**
 * Changes a user. The email stays unique and the last admin keeps the admin role (or no one
 * could manage users again). Sessions are re-read with the new role and sites; a new password
 * ends the user's other sessions: whoever knew the old one may hold them.
 */
export async function updateUser(
  client: ClickHouseClient,
  id: string,
  input: UserInput,
  actor: Actor,
): Promise<UserRecord> {
  const users = await listUsers(client);
  const existing = userById(users, id);
  if (users.some((u) => u.email === input.email && u.id !== id)) throw new ConflictError(EMAIL_TAKEN);
  if (existing.role === 'admin' && input.role !== 'admin' && users.filter((u) => u.role === 'admin').length === 1) {
    throw new InvalidError('The last admin cannot lose the admin role');
  }
  const saved = await saveUser(client, input, existing);
  forgetCachedSessions();
  if (input.password) await endUserSessions(client, existing.id, existing.id === actor.id ? actor.token : null);
  return saved;
}

/** Removes a user and ends their sessions; nobody removes themselves (an admin locked out by a slip). */
export async function deleteUser(client: ClickHouseClient, id: string, actorId: string): Promise<void> {
  const existing = userById(await listUsers(client), id);
  if (existing.id === actorId) throw new InvalidError('You cannot remove yourself');
  await removeUser(client, existing);
  forgetCachedSessions();
  await endUserSessions(client, existing.id, null);
}

/** The user, when their role serves chats: only they can be offered chats. */
export async function chatServingUser(client: ClickHouseClient, id: string): Promise<UserRecord> {
  const user = userById(await listUsers(client), id);
  if (!can(user, 'chat:serve')) throw new InvalidError('This role does not serve chats');
  return user;
}

export const FIRST_ADMIN_EMAIL = 'admin@leadtrail.local';

/**
 * With no users at all, creates the first admin and returns its one-time password so the
 * server can print it once. A fixed password can be given for automation (tests, demos).
 */
export async function ensureFirstAdmin(
  client: ClickHouseClient,
  fixedPassword?: string,
): Promise<{ id: string; email: string; password: string } | null> {
  if ((await listUsers(client)).length > 0) return null;
  const password = fixedPassword ?? newId(16);
  const user = await saveUser(client, {
    email: FIRST_ADMIN_EMAIL,
    name: 'Admin',
    role: 'admin',
    siteIds: [],
    password,
  });
  return { id: user.id, email: FIRST_ADMIN_EMAIL, password };
}
