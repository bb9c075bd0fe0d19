import { createHash, randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { getSessionUser } from '../queries/session-user.ts';
import { getUserSessionHashes } from '../queries/user-session-hashes.ts';
import type { SessionUser } from '../contract/roles.ts';
import { processSingleton } from '../process-singleton.ts';

export const SESSION_COOKIE = 'lt_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
// Every tRPC call resolves its session; a short cache keeps that off ClickHouse.
// Sign-out and user changes clear it (they happen in this same process).
const CACHE_MS = 30_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const hash = hashToken;

type Cached = { user: SessionUser | null; at: number };
const cache = () => processSingleton('sessionCache', () => new Map<string, Cached>());

export async function createSession(
  client: ClickHouseClient,
  userId: string,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await client.insert({
    table: TABLES.authSessions,
    values: [
      { token_hash: hash(token), user_id: userId, created_at: now, expires_at: expiresAt, version: now, is_deleted: 0 },
    ],
    format: 'JSONEachRow',
  });
  return { token, expiresAt };
}

export async function findSessionUser(client: ClickHouseClient, token: string): Promise<SessionUser | null> {
  const key = hash(token);
  const hit = cache().get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.user;
  const user = await getSessionUser(client, key);
  cache().set(key, { user, at: Date.now() });
  return user;
}

export async function revokeSession(client: ClickHouseClient, token: string): Promise<void> {
  const now = Date.now();
  await client.insert({
    table: TABLES.authSessions,
    values: [{ token_hash: hash(token), user_id: '', created_at: now, expires_at: now, version: now, is_deleted: 1 }],
    format: 'JSONEachRow',
  });
  cache().delete(hash(token));
}

/**
 * Ends every session of a user but the one whose token hash is `keepHash` (the caller's own,
 * when they change their own password). Returns the hashes ended.
 */
export async function revokeUserSessions(
  client: ClickHouseClient,
  userId: string,
  keepHash: string | null,
): Promise<string[]> {
  const ended = (await getUserSessionHashes(client, userId)).filter((h) => h !== keepHash);
  if (ended.length > 0) {
    const now = Date.now();
    await client.insert({
      table: TABLES.authSessions,
      values: ended.map((h) => ({
        token_hash: h,
        user_id: userId,
        created_at: now,
        expires_at: now,
        version: now,
        is_deleted: 1,
      })),
      format: 'JSONEachRow',
    });
  }
  for (const h of ended) cache().delete(h);
  return ended;
}

/** After a user's role, sites or existence change, their cached sessions must be re-read. */
export function forgetCachedSessions(): void {
  cache().clear();
}
