import type { ClickHouseClient } from '@clickhouse/client';
import type { SiteCache } from '../sites/site-cache.ts';
import { saveSite } from '../sites/site-service.ts';

/** The demo site's key is fixed so the demo shop page and the README can name it. */
export const DEMO_SITE_ID = 'demo-shop';

/** Creates the demo site unless it exists; returns true when it was created (first start). */
export async function ensureDemoSite(
  client: ClickHouseClient,
  sites: SiteCache,
  extraHosts: string[],
): Promise<boolean> {
  if (sites.get(DEMO_SITE_ID)) return false;
  await saveSite(client, {
    id: DEMO_SITE_ID,
    name: 'Demo Shop',
    domains: ['localhost', '127.0.0.1', 'shop.example', ...extraHosts],
    timeZone: 'Asia/Shanghai',
    respectDnt: false,
  });
  await sites.reload();
  return true;
}
