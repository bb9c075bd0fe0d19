import type { ClickHouseClient } from '@clickhouse/client';
import { listSites } from '../queries/list-sites.ts';
import { NotFoundError } from '../contract/errors.ts';
import type { Site } from '../contract/site.ts';

/** One site by id (the sites table is tiny; reading it whole is cheaper than another query). */
export async function findSite(client: ClickHouseClient, siteId: string): Promise<Site> {
  const site = (await listSites(client)).find((s) => s.id === siteId);
  if (!site) throw new NotFoundError('No such site');
  return site;
}
