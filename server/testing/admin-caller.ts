import type { ClickHouseClient } from '@clickhouse/client';
import { appRouter } from '../trpc/root.ts';

/** The dashboard's API called in-process as an admin of every site (no HTTP, no session). */
export function adminCaller(ch: ClickHouseClient) {
  return appRouter.createCaller({
    ch,
    user: { id: 'u-admin', email: 'a@example.com', name: 'A', role: 'admin', siteIds: [] },
    token: null,
    ip: '127.0.0.1',
    resHeaders: new Headers(),
  });
}
