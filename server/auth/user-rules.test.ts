import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidError, NotFoundError } from '../contract/errors.ts';
import { listUsers } from '../queries/list-users.ts';
import { freshStore } from '../testing/dashboard-harness.ts';
import { chatServingUser, createUser, deleteUser, updateUser } from './user-service.ts';

// The user rules live in the service (the router only calls it): each refusal is a domain
// error any caller can tell apart, and nothing is written when a rule refuses.
let ch: ClickHouseClient;
let bossId: string;
let annId: string;

beforeAll(async () => {
  ch = await freshStore();
  bossId = (
    await createUser(ch, {
      email: 'boss@example.com',
      name: 'Boss',
      role: 'admin',
      siteIds: [],
      password: 'boss-password-1',
    })
  ).id;
  annId = (
    await createUser(ch, {
      email: 'ann@example.com',
      name: 'Ann',
      role: 'agent',
      siteIds: ['s1'],
      password: 'agent-password-1',
    })
  ).id;
});
afterAll(() => ch.close());

const boss = () => ({ id: bossId, token: null });

describe('user service rules', () => {
  it('refuses a used email (conflict) on create and update, and writes nothing', async () => {
    await expect(
      createUser(ch, {
        email: 'ann@example.com',
        name: 'Twin',
        role: 'agent',
        siteIds: [],
        password: 'agent-password-2',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateUser(ch, bossId, { email: 'ann@example.com', name: 'Boss', role: 'admin', siteIds: [] }, boss()),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await listUsers(ch)).map((u) => u.email).sort()).toEqual(['ann@example.com', 'boss@example.com']);
  });

  it('keeps the last admin an admin, until there is another one', async () => {
    await expect(
      updateUser(ch, bossId, { email: 'boss@example.com', name: 'Boss', role: 'manager', siteIds: [] }, boss()),
    ).rejects.toBeInstanceOf(InvalidError);
    await updateUser(ch, annId, { email: 'ann@example.com', name: 'Ann', role: 'admin', siteIds: [] }, boss());
    await updateUser(ch, bossId, { email: 'boss@example.com', name: 'Boss', role: 'manager', siteIds: [] }, boss());
    expect((await listUsers(ch)).map((u) => [u.email, u.role]).sort()).toEqual([
      ['ann@example.com', 'admin'],
      ['boss@example.com', 'manager'],
    ]);
  });

  it('refuses removing yourself and unknown users; offers chats only to roles that serve them', async () => {
    await expect(deleteUser(ch, annId, annId)).rejects.toBeInstanceOf(InvalidError);
    await expect(deleteUser(ch, 'nobody', annId)).rejects.toBeInstanceOf(NotFoundError);
    const mia = await createUser(ch, {
      email: 'mia@example.com',
      name: 'Mia',
      role: 'marketer',
      siteIds: [],
      password: 'marketer-pass-1',
    });
    await expect(chatServingUser(ch, mia.id)).rejects.toThrow(new InvalidError('This role does not serve chats'));
    expect((await chatServingUser(ch, annId)).id).toBe(annId);
    await deleteUser(ch, mia.id, annId);
    expect((await listUsers(ch)).map((u) => u.email).sort()).toEqual(['ann@example.com', 'boss@example.com']);
  });
});
