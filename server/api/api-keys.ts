import { createHash, randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError } from '../contract/errors.ts';
import { createApiKeyInput, type ApiScope, type CreateApiKeyInput } from '../contract/api-keys.ts';
import { processSingleton } from '../process-singleton.ts';
import { getApiKeyById } from '../queries/api-key-by-id.ts';
import { getApiKeyByHash } from '../queries/api-key-by-hash.ts';
import { newId } from '../sites/site-service.ts';

/** Every key starts so: secret scanners and people can tell a LeadTrail key at a glance. */
export const API_KEY_PREFIX = 'lt_live_';
/** How much of a key Settings shows: the fixed start and 8 random characters. */
const VISIBLE = API_KEY_PREFIX.length + 8;
/** A found key is trusted this long without reading the store again; a revoke clears it at once. */
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;
/** "Last used" is written at most this often per key: a busy key must not write a row per request. */
const USE_WRITE_MS = 60_000;

export interface ApiKeyGrant {
  siteId: string;
  keyId: string;
  scopes: ApiScope[];
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

interface KeyCache {
  grants: Map<string, { grant: ApiKeyGrant; at: number }>;
  usesWritten: Map<string, number>;
}
// Shared with the copy Next loads: a revoke through tRPC (inside Next) reaches the API's cache.
const cache = () => processSingleton<KeyCache>('apiKeyCache', () => ({ grants: new Map(), usesWritten: new Map() }));

/** Makes a key for a site; the key itself is returned this once and only its hash is stored. */
export async function createApiKey(
  client: ClickHouseClient,
  siteId: string,
  raw: CreateApiKeyInput,
  createdBy: string,
  now = Date.now(),
): Promise<{ keyId: string; key: string; prefix: string }> {
  const input = createApiKeyInput.parse(raw);
  // 256 random bits: a plain SHA-256 of it is as safe to store as a slow password hash.
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const keyId = newId(16);
  const prefix = key.slice(0, VISIBLE);
  await client.insert({
    table: TABLES.apiKeys,
    values: [
      {
        site_id: siteId,
        key_id: keyId,
        key_hash: hashApiKey(key),
        prefix,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        created_by: createdBy,
        created_at: now,
        revoked_at: 0,
        version: now,
      },
    ],
    format: 'JSONEachRow',
  });
  return { keyId, key, prefix };
}

/** Stops a key at once (this process's cache included); revoking twice keeps the first time. */
export async function revokeApiKey(client: ClickHouseClient, siteId: string, keyId: string, now = Date.now()) {
  const current = await getApiKeyById(client, siteId, keyId);
  if (!current) throw new NotFoundError('No such API key');
  for (const [hash, entry] of cache().grants) if (entry.grant.keyId === keyId) cache().grants.delete(hash);
  if (current.revoked_at > 0) return { keyId, revokedAt: current.revoked_at };
  await client.insert({
    table: TABLES.apiKeys,
    values: [{ ...current, revoked_at: now, version: Math.max(now, current.version + 1) }],
    format: 'JSONEachRow',
  });
  return { keyId, revokedAt: now };
}

/** The site and scopes a presented key grants, or why it grants nothing. */
export async function verifyApiKey(
  client: ClickHouseClient,
  key: string,
  now = Date.now(),
): Promise<ApiKeyGrant | 'unknown' | 'revoked'> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 128) return 'unknown';
  const hash = hashApiKey(key);
  const { grants } = cache();
  const hit = grants.get(hash);
  if (hit && now - hit.at < CACHE_MS) return hit.grant;
  const stored = await getApiKeyByHash(client, hash);
  if (!stored) return 'unknown';
  if (stored.revokedAt > 0) {
    grants.delete(hash);
    return 'revoked';
  }
  const grant: ApiKeyGrant = {
    siteId: stored.siteId,
    keyId: stored.keyId,
    scopes: stored.scopes.filter((s): s is ApiScope => s === 'read' || s === 'write'),
  };
  if (grants.size >= CACHE_MAX) grants.clear();
  grants.set(hash, { grant, at: now });
  return grant;
}

/** Records that a key was used, at most once a minute per key; a failed write only costs the figure. */
export function noteApiKeyUse(client: ClickHouseClient, grant: ApiKeyGrant, now = Date.now()): void {
  const { usesWritten } = cache();
  if (now - (usesWritten.get(grant.keyId) ?? 0) < USE_WRITE_MS) return;
  usesWritten.set(grant.keyId, now);
  client
    .insert({
      table: TABLES.apiKeyUses,
      values: [{ site_id: grant.siteId, key_id: grant.keyId, used_at: now }],
      format: 'JSONEachRow',
    })
    .catch((error: unknown) => console.error('api: last use of a key not stored', error));
}
