import type { ClickHouseClient } from '@clickhouse/client';
import { env } from '../env.ts';
import { listUsers, type UserRecord } from '../queries/list-users.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { AttemptLimiter } from './rate-limit.ts';
import { processSingleton } from '../process-singleton.ts';

export type SignInResult =
  { ok: true; user: UserRecord } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; waitMs: number };

interface Limiters {
  /** One address on one account: the rightful owner elsewhere is never locked out by it. */
  byAccount: AttemptLimiter;
  /** One address across accounts: looser, so an office behind one NAT can mistype. */
  byIp: AttemptLimiter;
  /** Verified against for unknown emails, so they cost the same scrypt as known ones. */
  dummyHash: Promise<string>;
}

const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 60 * 60_000;

function limiters(): Limiters {
  return processSingleton('signIn', () => ({
    byAccount: new AttemptLimiter({
      limit: env.SIGN_IN_LIMIT_PER_ACCOUNT,
      windowMs: WINDOW_MS,
      lockMs: env.SIGN_IN_LOCK_SECONDS * 1000,
      maxLockMs: MAX_LOCK_MS,
    }),
    byIp: new AttemptLimiter({
      limit: env.SIGN_IN_LIMIT_PER_IP,
      windowMs: WINDOW_MS,
      lockMs: env.SIGN_IN_LOCK_SECONDS * 1000,
      maxLockMs: MAX_LOCK_MS,
    }),
    dummyHash: hashPassword('not a password anyone has: only its timing matters'),
  }));
}

/**
 * Checks a password under the attempt limits; used for signing in and for confirming the
 * current password before a change. The attempt is counted before scrypt runs, and an unknown
 * email is verified against a dummy hash so that its answer takes as long as a known one's.
 */
export async function checkPassword(
  client: ClickHouseClient,
  email: string,
  password: string,
  ip: string,
): Promise<SignInResult> {
  const l = limiters();
  const accountKey = `${ip}\n${email}`;
  const account = l.byAccount.reserve(accountKey);
  if (!account.ok) return { ok: false, reason: 'locked', waitMs: account.waitMs };
  const address = l.byIp.reserve(ip);
  if (!address.ok) {
    l.byAccount.refund(accountKey);
    return { ok: false, reason: 'locked', waitMs: address.waitMs };
  }
  const [user] = await listUsers(client, email);
  const stored = user?.passwordHash || (await l.dummyHash);
  const right = await verifyPassword(password, stored);
  if (!user || !user.passwordHash || !right) return { ok: false, reason: 'wrong' };
  l.byAccount.reset(accountKey);
  l.byIp.refund(ip);
  return { ok: true, user };
}
