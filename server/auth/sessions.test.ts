import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { CLOSE } from '../contract/channels.ts';
import { agentSocket } from '../testing/realtime-harness.ts';
import { saveSite } from '../sites/site-service.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import { saveUser } from './user-service.ts';

// A changed password or "sign out everywhere" ends the user's other sessions over real HTTP,
// and the hub closes their open /ws/agent sockets at once (not at the next sweep: pingMs is an hour here).
const SITE = 'sessions-site';
let ch: ClickHouseClient;
let d: Dashboard;

beforeAll(async () => {
  ch = await freshStore();
  await saveSite(ch, { id: SITE, name: 'Shop', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await saveUser(ch, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    siteIds: [],
    password: 'boss-password-1',
  });
  for (const who of ['ann', 'bob', 'cy'])
    await saveUser(ch, {
      email: `${who}@example.com`,
      name: who,
      role: 'agent',
      siteIds: [SITE],
      password: `${who}-password-1`,
    });
  d = await startDashboard(ch, { realtime: { pingMs: 3_600_000 } });
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

async function session(email: string, password: string): Promise<string> {
  const a = await trpc(d.base, 'auth.signIn', { email, password });
  expect(a.status).toBe(200);
  return a.session ?? '';
}
const me = (token: string) => trpc(d.base, 'auth.me', null, { cookie: token, query: true });
const closing = (ws: { once: (e: 'close', f: (code: number, why: Buffer) => void) => unknown }) =>
  new Promise<[number, string]>((resolve) => ws.once('close', (code, why) => resolve([code, why.toString()])));

describe('changing your own password', () => {
  it('asks for the current password, then ends every other session and closes their agent sockets', async () => {
    const here = await session('ann@example.com', 'ann-password-1');
    const laptop = await session('ann@example.com', 'ann-password-1');
    const socket = await agentSocket(d.base, laptop, SITE);
    const socketClosed = closing(socket.ws);
    const keptSocket = await agentSocket(d.base, here, SITE);

    const wrong = await trpc(
      d.base,
      'auth.changePassword',
      { currentPassword: 'not-it', newPassword: 'ann-password-2' },
      { cookie: here },
    );
    expect([wrong.status, wrong.json.error?.message]).toEqual([403, 'The current password is wrong']);
    const short = await trpc(
      d.base,
      'auth.changePassword',
      { currentPassword: 'ann-password-1', newPassword: 'short' },
      { cookie: here },
    );
    expect(short.status).toBe(400);
    expect((await me(laptop)).status).toBe(200);

    const changed = await trpc(
      d.base,
      'auth.changePassword',
      { currentPassword: 'ann-password-1', newPassword: 'ann-password-2' },
      { cookie: here },
    );
    expect(changed.status).toBe(200);
    expect(await socketClosed).toEqual([CLOSE.signedOut.code, CLOSE.signedOut.reason]);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    expect(keptSocket.ws.readyState).toBe(keptSocket.ws.OPEN);
    keptSocket.ws.close();

    expect((await trpc(d.base, 'auth.signIn', { email: 'ann@example.com', password: 'ann-password-1' })).status).toBe(
      401,
    );
    await session('ann@example.com', 'ann-password-2');
  });
});

describe("an admin setting a user's password", () => {
  it("ends all of that user's sessions and sockets, and none of the admin's", async () => {
    const admin = await session('boss@example.com', 'boss-password-1');
    const bob = await session('bob@example.com', 'bob-password-1');
    const socket = await agentSocket(d.base, bob, SITE);
    const socketClosed = closing(socket.ws);
    const users = (await trpc(d.base, 'user.list', null, { cookie: admin, query: true })).json.result?.data as {
      id: string;
      email: string;
    }[];
    const target = users.find((u) => u.email === 'bob@example.com');
    const updated = await trpc(
      d.base,
      'user.update',
      {
        id: target?.id,
        email: 'bob@example.com',
        name: 'bob',
        role: 'agent',
        siteIds: [SITE],
        password: 'bob-password-2',
      },
      { cookie: admin },
    );
    expect(updated.status).toBe(200);
    expect(await socketClosed).toEqual([CLOSE.signedOut.code, CLOSE.signedOut.reason]);
    expect((await me(bob)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the user, this one included, and clears the cookie', async () => {
    const one = await session('cy@example.com', 'cy-password-1');
    const two = await session('cy@example.com', 'cy-password-1');
    const other = await session('boss@example.com', 'boss-password-1');
    const socket = await agentSocket(d.base, two, SITE);
    const socketClosed = closing(socket.ws);
    const out = await trpc(d.base, 'auth.signOutEverywhere', null, { cookie: one });
    expect(out.status).toBe(200);
    expect(out.session).toBe('');
    expect(await socketClosed).toEqual([CLOSE.signedOut.code, CLOSE.signedOut.reason]);
    expect((await me(one)).status).toBe(401);
    expect((await me(two)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });
});
