import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { ensureFirstAdmin } from '../auth/user-service.ts';
import { listUsers } from '../queries/list-users.ts';
import { ensureDemoAgents } from './demo-agents.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { testStore } from '../testing/test-store.ts';

// The demo team as accounts: after the first admin (who is made only while there are no
// users), once (a restart adds nobody twice), agents of the demo site only.
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

it('names the demo history agents as agent accounts of the demo site, once', async () => {
  const admin = await ensureFirstAdmin(ch, 'first-admin-password');
  await ensureDemoAgents(ch);
  await ensureDemoAgents(ch);
  const users = await listUsers(ch);
  expect(admin).not.toBeNull();
  expect(users.filter((u) => u.role === 'admin')).toHaveLength(1);
  const agents = users.filter((u) => u.role === 'agent').sort((a, b) => a.id.localeCompare(b.id));
  expect(agents.map((u) => [u.id, u.name, u.siteIds])).toEqual([
    ['agent-chen', 'Chen Jie 陈杰', [DEMO_SITE_ID]],
    ['agent-emma', 'Emma Clarke', [DEMO_SITE_ID]],
    ['agent-li', 'Li Na 李娜', [DEMO_SITE_ID]],
    ['agent-wang', 'Wang Fang 王芳', [DEMO_SITE_ID]],
  ]);
});
