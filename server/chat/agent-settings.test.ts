import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveUser } from '../auth/user-service.ts';
import { getAgentSettings } from '../queries/agent-settings.ts';
import { realtimeBus } from '../bus/bus.ts';
import { appRouter } from '../trpc/root.ts';
import { testStore } from '../testing/test-store.ts';

// Settings → Users: admins see and set whether each user takes chats.
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = (u: SessionUser) =>
  appRouter.createCaller({ ch, user: u, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
const make = (role: SessionUser['role']) =>
  saveUser(ch, { email: `${role}@example.com`, name: role, role, siteIds: ['s1'], password: 'a-long-password' });

describe('"takes chats" in Settings → Users', () => {
  it("lists the role defaults, stores a change with the user's status kept, and tells the server's memory", async () => {
    const [agent, manager, marketer] = [await make('agent'), await make('manager'), await make('marketer')];
    const takes = async () => Object.fromEntries((await caller(admin).user.list()).map((u) => [u.role, u.takesChats]));
    expect(await takes()).toEqual({ agent: true, manager: false, marketer: null });

    const heard: unknown[] = [];
    const stop = realtimeBus().subscribe('agentSettings', (m) => heard.push(m));
    await caller(admin).user.setTakesChats({ id: agent.id, takesChats: false });
    await caller(admin).user.setTakesChats({ id: manager.id, takesChats: true });
    stop();
    expect(heard).toEqual([
      { userId: agent.id, takesChats: false },
      { userId: manager.id, takesChats: true },
    ]);
    expect(await takes()).toEqual({ agent: false, manager: true, marketer: null });
    expect(await getAgentSettings(ch, agent.id)).toEqual({
      status: 'online',
      maxChats: 5,
      takesChats: false,
      takesCalls: false,
    });

    await expect(caller(admin).user.setTakesChats({ id: marketer.id, takesChats: true })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller(admin).user.setTakesChats({ id: 'nobody', takesChats: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const asAgent: SessionUser = { id: agent.id, email: agent.email, name: agent.name, role: 'agent', siteIds: ['s1'] };
    await expect(caller(asAgent).user.setTakesChats({ id: agent.id, takesChats: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
