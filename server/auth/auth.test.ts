import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import type { Context } from '../trpc/init.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { findSessionUser } from './session-store.ts';
import { ensureFirstAdmin, saveUser } from './user-service.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
const ctx = (over: Partial<Context> = {}): Context => ({
  ch,
  user: null,
  token: null,
  ip: '10.0.0.1',
  resHeaders: new Headers(),
  ...over,
});
const caller = (c: Context) => appRouter.createCaller(c);

async function signedIn(email: string, password: string) {
  const c = ctx();
  await caller(c).auth.signIn({ email, password });
  const token = /lt_session=([^;]+)/.exec(c.resHeaders.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('no session cookie');
  return ctx({ token: decodeURIComponent(token), user: await findSessionUser(ch, decodeURIComponent(token)) });
}

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: 'site-one-1', name: 'One', domains: ['one.example'], timeZone: 'UTC', respectDnt: false });
  await saveSite(ch, { id: 'site-two-2', name: 'Two', domains: ['two.example'], timeZone: 'UTC', respectDnt: false });
  await ensureFirstAdmin(ch, 'admin-password-1');
  await saveUser(ch, {
    email: 'mia@example.com',
    name: 'Mia',
    role: 'marketer',
    siteIds: ['site-one-1'],
    password: 'marketer-pass-1',
  });
});
afterAll(() => ch.close());

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(stored).not.toBe(await hashPassword('correct horse'));
  });
});

describe('sign-in', () => {
  it('creates the first admin only once', async () => {
    expect(await ensureFirstAdmin(ch)).toBeNull();
  });

  it('sets an httpOnly session cookie and resolves the user from it', async () => {
    const c = await signedIn('ADMIN@leadtrail.local', 'admin-password-1');
    const me = await caller(c).auth.me();
    expect(me).toMatchObject({ email: 'admin@leadtrail.local', role: 'admin' });
    expect(me.capabilities).toContain('admin:users');
  });

  it('answers wrong credentials with one message and rate-limits repeated failures', async () => {
    const c = ctx({ ip: '10.9.9.9' });
    for (let i = 0; i < 5; i++) {
      await expect(caller(c).auth.signIn({ email: 'mia@example.com', password: 'nope' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(
      caller(c).auth.signIn({ email: 'mia@example.com', password: 'marketer-pass-1' }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(caller(c).auth.signIn({ email: 'nobody@example.com', password: 'x' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('signs out: the token stops working', async () => {
    const c = await signedIn('admin@leadtrail.local', 'admin-password-1');
    await caller(c).auth.signOut();
    expect(await findSessionUser(ch, c.token ?? '')).toBeNull();
  });

  it('refuses anonymous calls', async () => {
    await expect(caller(ctx()).site.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('roles and sites', () => {
  it('shows a marketer only their sites', async () => {
    const c = ctx({
      user: { id: 'u-mia', email: 'mia@example.com', name: 'Mia', role: 'marketer', siteIds: ['site-one-1'] },
    });
    expect((await caller(c).site.list()).map((s) => s.id)).toEqual(['site-one-1']);
  });

  it('keeps a marketer out of admin screens and other sites', async () => {
    const c = ctx({
      user: { id: 'u-mia', email: 'mia@example.com', name: 'Mia', role: 'marketer', siteIds: ['site-one-1'] },
    });
    await expect(caller(c).user.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      caller(c).site.create({ name: 'X', domains: ['x.example'], timeZone: 'UTC', respectDnt: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller(c).site.byId({ siteId: 'site-one-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller(c).site.rotateSecret({ siteId: 'site-one-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an admin create a site and a user, and validates input', async () => {
    const c = ctx({
      user: { id: 'u-admin', email: 'admin@leadtrail.local', name: 'Admin', role: 'admin', siteIds: [] },
    });
    const { id } = await caller(c).site.create({
      name: '新站点',
      domains: ['new.example'],
      timeZone: 'Asia/Shanghai',
      respectDnt: true,
    });
    const { apiSecret } = await caller(c).site.byId({ siteId: id });
    expect(apiSecret).toHaveLength(32);
    await caller(c).site.rotateSecret({ siteId: id });
    const rotated = await caller(c).site.byId({ siteId: id });
    expect(rotated.apiSecret).toHaveLength(32);
    expect(rotated.apiSecret).not.toBe(apiSecret);
    expect(rotated.name).toBe('新站点');
    await expect(
      caller(c).site.create({ name: 'Bad', domains: ['not a domain'], timeZone: 'UTC', respectDnt: false }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller(c).site.create({ name: 'Bad', domains: ['ok.example'], timeZone: 'Mars/Base', respectDnt: false }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller(c).user.create({
      email: 'ag@example.com',
      name: 'Agent',
      role: 'agent',
      siteIds: [id],
      password: 'agent-pass-1',
    });
    await expect(
      caller(c).user.create({
        email: 'ag@example.com',
        name: 'Again',
        role: 'agent',
        siteIds: [],
        password: 'agent-pass-1',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller(c).user.list()).find((u) => u.email === 'ag@example.com')).not.toHaveProperty('passwordHash');
  });
});
