import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { saveUser } from '../auth/user-service.ts';
import { listUsers } from '../queries/list-users.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { AGENTS } from './demo-world.ts';

/**
 * The demo history's agents as accounts of the demo site, so reports, Chat history and the
 * Callbacks queue name them instead of showing their ids. Nobody signs in to them (a random
 * password no one is told); an admin may give one a password or remove it. Run after the first
 * admin exists: that one is only created while there are no users.
 */
export async function ensureDemoAgents(ch: ClickHouseClient): Promise<void> {
  const known = new Set((await listUsers(ch)).map((u) => u.id));
  for (const a of AGENTS.filter((x) => !known.has(x.id))) {
    await saveUser(ch, {
      id: a.id,
      email: `${a.id}@demo-shop.example`,
      name: a.name,
      role: 'agent',
      siteIds: [DEMO_SITE_ID],
      password: randomBytes(24).toString('base64url'),
    });
  }
}
