import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { SiteRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Site } from '../contract/site.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random id of unambiguous characters (also valid as a snippet site key). */
export function newId(length = 12): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

export interface SiteInput {
  name: string;
  domains: string[];
  timeZone: string;
  respectDnt: boolean;
}

export async function saveSite(
  client: ClickHouseClient,
  input: SiteInput & { id?: string; apiSecret?: string; createdAt?: number },
): Promise<Site> {
  const now = Date.now();
  const site: Site = {
    id: input.id ?? newId(),
    name: input.name,
    domains: input.domains,
    timeZone: input.timeZone,
    respectDnt: input.respectDnt,
    apiSecret: input.apiSecret ?? newId(32),
    createdAt: input.createdAt ?? now,
  };
  const row: SiteRow = {
    site_id: site.id,
    name: site.name,
    domains: site.domains,
    time_zone: site.timeZone,
    respect_dnt: site.respectDnt ? 1 : 0,
    api_secret: site.apiSecret,
    created_at: site.createdAt,
    version: now,
    is_deleted: 0,
  };
  await client.insert({ table: TABLES.sites, values: [row], format: 'JSONEachRow' });
  return site;
}
