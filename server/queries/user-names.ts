import type { ClickHouseClient } from '@clickhouse/client';
import { listUsers } from './list-users.ts';

/** How the dashboard names a user everywhere: their name, or their email when they gave none. */
export const userDisplayName = (user: { name: string; email: string }): string => user.name || user.email;

/** Every live user's display name by id; a removed user is absent, so callers fall back to the id. */
export async function getUserNames(client: ClickHouseClient): Promise<Map<string, string>> {
  return new Map((await listUsers(client)).map((u) => [u.id, userDisplayName(u)]));
}
