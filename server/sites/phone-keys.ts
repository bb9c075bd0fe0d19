import type { ClickHouseClient } from '@clickhouse/client';
import { listSites } from '../queries/list-sites.ts';
import { phoneKey, regionOfTimeZone } from '../contract/phone-key.ts';

/** Each site's phone key function: its region comes from its time zone (read per call: sites change). */
export async function sitePhoneKeys(client: ClickHouseClient): Promise<(siteId: string, phone: string) => string> {
  const regions = new Map((await listSites(client)).map((s) => [s.id, regionOfTimeZone(s.timeZone)]));
  return (siteId, phone) => phoneKey(phone, regions.get(siteId));
}

/** The phone key of one number as the site reads it. */
export async function sitePhoneKey(client: ClickHouseClient, siteId: string, phone: string): Promise<string> {
  if (!phone) return '';
  return (await sitePhoneKeys(client))(siteId, phone);
}

/** Rows about to be stored, each with the key of its phone. */
export async function withPhoneKeys<T extends { site_id: string; phone: string }>(
  client: ClickHouseClient,
  rows: readonly T[],
): Promise<(T & { phone_key: string })[]> {
  if (!rows.some((r) => r.phone)) return rows.map((r) => ({ ...r, phone_key: '' }));
  const key = await sitePhoneKeys(client);
  return rows.map((r) => ({ ...r, phone_key: key(r.site_id, r.phone) }));
}
