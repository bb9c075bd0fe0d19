import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import type * as passwords from './password.ts';
import { verifyPassword } from './password.ts';
import { AttemptLimiter } from './rate-limit.ts';
import { saveUser } from './user-service.ts';

// The spy runs the real scrypt: it only records which hash each sign-in was checked against.
vi.mock('./password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

// Sign-in over real HTTP, as the dashboard sends it; the limits are the defaults of server/env.ts.
const PER_ACCOUNT = 5;
const PER_IP = 20;
let ch: ClickHouseClient;
let proxied: Dashboard;
let direct: Dashboard;

beforeAll(async () => {
  ch = await freshStore();
  await saveUser(ch, {
    email: 'owner@example.com',
    name: 'Owner',
    role: 'admin',
    siteIds: [],
    password: 'owner-password-1',
  });
  await saveUser(ch, {
    email: 'mia@example.com',
    name: 'Mia',
    role: 'marketer',
    siteIds: [],
    password: 'marketer-pass-1',
  });
  // Behind a trusted proxy the client address comes from X-Forwarded-For: the tests play several addresses.
  proxied = await startDashboard(ch, { trustProxy: true });
  direct = await startDashboard(ch, { trustProxy: false });
}, 60_000);
afterAll(async () => {
  await proxied.close();
  await direct.close();
  await ch.close();
});

const signIn = (d: Dashboard, email: string, password: string, headers: Record<string, string> = {}) =>
  trpc(d.base, 'auth.signIn', { email, password }, { headers });

describe('sign-in limits', () => {
  it('counts parallel wrong passwords before checking them: 5 of 40 are checked, 35 refused', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        signIn(proxied, 'mia@example.com', 'wrong-guess', { 'x-forwarded-for': '198.51.100.7' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - PER_ACCOUNT);
    const refused = answers.find((a) => a.status === 429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("keeps the owner able to sign in from a clean address while an attacker's address is locked", async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.66' };
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await signIn(proxied, 'owner@example.com', `guess-${i}`, attacker)).status).toBe(401);
    // Locked for the attacker, even with the right password.
    expect((await signIn(proxied, 'owner@example.com', 'owner-password-1', attacker)).status).toBe(429);
    const owner = await signIn(proxied, 'owner@example.com', 'owner-password-1', { 'x-forwarded-for': '192.0.2.10' });
    expect(owner.status).toBe(200);
    expect(owner.session).toMatch(/^[\w-]{43}$/);
  });

  it('limits one address across accounts more loosely', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.99' };
    for (let i = 0; i < PER_IP; i++)
      expect((await signIn(proxied, `person${i}@example.com`, 'wrong-guess', ip)).status).toBe(401);
    expect((await signIn(proxied, 'someone-else@example.com', 'wrong-guess', ip)).status).toBe(429);
    expect(
      (await signIn(proxied, 'someone-else@example.com', 'wrong-guess', { 'x-forwarded-for': '198.51.100.100' }))
        .status,
    ).toBe(401);
  });

  it('checks an unknown email against a scrypt hash too, so it answers no faster than a known one', async () => {
    const spy = vi.mocked(verifyPassword);
    spy.mockClear();
    const answer = await signIn(proxied, 'nobody-here@example.com', 'whatever-1', { 'x-forwarded-for': '192.0.2.77' });
    expect(answer.status).toBe(401);
    expect(answer.json.error?.message).toBe('Wrong email or password');
    expect(spy).toHaveBeenCalledTimes(1);
    // Same scheme and cost as a stored password (scrypt N=2^15, r=8, p=1).
    expect(spy.mock.calls[0]?.[1]).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('session cookie', () => {
  const secure = (setCookie: string[]) =>
    setCookie.some((c) => c.startsWith('lt_session=') && /;\s*Secure(;|$)/.test(c));

  it('is Secure when a trusted proxy says the browser came over TLS', async () => {
    const a = await signIn(proxied, 'owner@example.com', 'owner-password-1', {
      'x-forwarded-for': '192.0.2.11',
      'x-forwarded-proto': 'https',
    });
    expect(a.status).toBe(200);
    expect(secure(a.setCookie)).toBe(true);
    const b = await signIn(proxied, 'owner@example.com', 'owner-password-1', { 'x-forwarded-for': '192.0.2.11' });
    expect(secure(b.setCookie)).toBe(false);
  });

  it('ignores X-Forwarded-Proto without a trusted proxy', async () => {
    const a = await signIn(direct, 'owner@example.com', 'owner-password-1', { 'x-forwarded-proto': 'https' });
    expect(a.status).toBe(200);
    expect(a.setCookie.some((c) => c.startsWith('lt_session='))).toBe(true);
    expect(secure(a.setCookie)).toBe(false);
  });
});

describe('attempt limiter', () => {
  const limiter = () => new AttemptLimiter({ limit: 3, windowMs: 900_000, lockMs: 60_000, maxLockMs: 3_600_000 });

  it('locks after the limit, then allows one try per lock, doubling the lock each time', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) expect(l.reserve('k', 0)).toEqual({ ok: true });
    expect(l.reserve('k', 0)).toEqual({ ok: false, waitMs: 60_000 });
    expect(l.reserve('k', 59_999)).toEqual({ ok: false, waitMs: 1 });
    expect(l.reserve('k', 60_000)).toEqual({ ok: true });
    expect(l.reserve('k', 60_000)).toEqual({ ok: false, waitMs: 120_000 });
    expect(l.reserve('k', 180_000)).toEqual({ ok: true });
    expect(l.reserve('k', 180_000)).toEqual({ ok: false, waitMs: 240_000 });
  });

  it('forgets a key after a success (reset), gives back a refunded attempt, and caps the lock', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.reserve('k', 0);
    l.reset('k');
    expect(l.reserve('k', 0)).toEqual({ ok: true });
    l.refund('k');
    for (let i = 0; i < 3; i++) expect(l.reserve('k', 0)).toEqual({ ok: true });
    let now = 0;
    let wait = 0;
    for (let i = 0; i < 10; i++) {
      const r = l.reserve('k', now);
      if (!r.ok) wait = r.waitMs;
      now += wait;
      l.reserve('k', now); // the one try after each lock
    }
    expect(wait).toBe(3_600_000);
  });
});
