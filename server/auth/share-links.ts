import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError } from '../contract/errors.ts';
import {
  createShareLinkInput,
  SHARE_TOKEN_PREFIX,
  type CreateShareLinkInput,
  type ShareRefusal,
} from '../contract/share-links.ts';
import { getShareLinkByHash } from '../queries/share-link-by-hash.ts';
import { listShareLinks } from '../queries/list-share-links.ts';
import { newId } from '../sites/site-service.ts';
import { hashPassword, verifyPassword } from './password.ts';

// A share link opens a site's analytics without signing in. The browser keeps a share
// cookie: the token itself, or, for a link with a password, the token with a proof that
// the password was given (an HMAC keyed by the stored password hash, which never leaves the
// server): the link alone cannot forge it, and changing or revoking the link voids it.
// Every request looks the link up again, so a revoke refuses the next request.

export const SHARE_COOKIE = 'lt_share';
/** A share cookie lasts a day; opening the link again renews it. */
export const SHARE_COOKIE_SECONDS = 24 * 3600;

export interface ShareSession {
  siteId: string;
  linkId: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const proofOf = (token: string, passwordHash: string) =>
  createHmac('sha256', passwordHash).update(token).digest('base64url');

/** Makes a link; its token is in this answer only, the store keeps its hash. */
export async function createShareLink(
  client: ClickHouseClient,
  siteId: string,
  raw: CreateShareLinkInput,
  createdBy: string,
  now = Date.now(),
): Promise<{ linkId: string; token: string }> {
  const input = createShareLinkInput.parse(raw);
  const token = `${SHARE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const linkId = newId(16);
  await client.insert({
    table: TABLES.shareLinks,
    values: [
      {
        site_id: siteId,
        link_id: linkId,
        token_hash: sha256(token),
        name: input.name,
        password_hash: input.password ? await hashPassword(input.password) : '',
        created_by: createdBy,
        created_at: now,
        revoked_at: 0,
        version: now,
      },
    ],
    format: 'JSONEachRow',
  });
  return { linkId, token };
}

/** Stops a link at once; revoking twice keeps the first time. */
export async function revokeShareLink(client: ClickHouseClient, siteId: string, linkId: string, now = Date.now()) {
  const current = (await listShareLinks(client, siteId)).find((l) => l.linkId === linkId);
  if (!current) throw new NotFoundError('No such share link');
  if (current.revokedAt > 0) return { linkId, revokedAt: current.revokedAt };
  await client.insert({
    table: TABLES.shareLinks,
    values: [
      {
        site_id: siteId,
        link_id: linkId,
        token_hash: current.tokenHash,
        name: current.name,
        password_hash: current.passwordHash,
        created_by: current.createdBy,
        created_at: current.createdAt,
        revoked_at: now,
        version: Math.max(now, current.version + 1),
      },
    ],
    format: 'JSONEachRow',
  });
  return { linkId, revokedAt: now };
}

/** Checks a presented token (and password): the cookie value to keep, or why not. */
export async function openShareLink(
  client: ClickHouseClient,
  token: string,
  password: string | undefined,
): Promise<{ ok: true; siteId: string; cookie: string } | { ok: false; reason: ShareRefusal }> {
  const link = await getShareLinkByHash(client, sha256(token));
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt > 0) return { ok: false, reason: 'revoked' };
  if (!link.passwordHash) return { ok: true, siteId: link.siteId, cookie: token };
  if (!password) return { ok: false, reason: 'password_needed' };
  if (!(await verifyPassword(password, link.passwordHash))) return { ok: false, reason: 'password_wrong' };
  return { ok: true, siteId: link.siteId, cookie: `${token}.${proofOf(token, link.passwordHash)}` };
}

/** The share session a cookie value grants, or null (unknown, revoked, or a password not proven). */
export async function findShareSession(client: ClickHouseClient, cookie: string): Promise<ShareSession | null> {
  const [token = '', proof = ''] = cookie.split('.');
  if (!token.startsWith(SHARE_TOKEN_PREFIX) || token.length > 96) return null;
  const link = await getShareLinkByHash(client, sha256(token));
  if (!link || link.revokedAt > 0) return null;
  if (link.passwordHash) {
    const want = Buffer.from(proofOf(token, link.passwordHash));
    const got = Buffer.from(proof);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  }
  return { siteId: link.siteId, linkId: link.linkId };
}
