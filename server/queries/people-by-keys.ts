import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface PersonByKey {
  /** Which key found the person: an identity's email or phone, or an imported external id. */
  via: 'email' | 'phone' | 'externalId';
  /** The email, the phone key (server/contract/phone-key.ts) or the external id that matched. */
  key: string;
  personId: string;
  /** When the match was first known: the earliest wins, as identity merges decide. */
  at: number;
}

const row = z.object({ via: z.enum(['email', 'phone', 'externalId']), key: col.text, person_id: col.text, at: col.ms });

/**
 * The people of a site known by any of these emails, phone keys or external ids, oldest
 * first. Phones are compared by their keys so a file's `+86 138-0013-8000` meets the
 * `138 0013 8000` a visitor typed on a site in China.
 */
export async function getPeopleByKeys(
  client: ClickHouseClient,
  siteId: string,
  keys: { emails: string[]; phones: string[]; externalIds: string[] },
): Promise<PersonByKey[]> {
  const rows = await readRows(
    client,
    {
      query: `WITH ids AS (
                SELECT person_id, email, phone_key, updated_at
                FROM ${TABLES.identities} FINAL
                WHERE site_id = {siteId:String} AND person_id != ''
                  AND ((email != '' AND email IN {emails:Array(String)})
                       OR (phone_key != '' AND phone_key IN {phones:Array(String)}))
              )
              SELECT via, key, person_id, at FROM (
              SELECT 'email' AS via, email AS key, person_id, toUnixTimestamp64Milli(updated_at) AS at
              FROM ids WHERE email IN {emails:Array(String)}
              UNION ALL
              SELECT 'phone' AS via, phone_key AS key, person_id, toUnixTimestamp64Milli(updated_at) AS at
              FROM ids WHERE phone_key != '' AND phone_key IN {phones:Array(String)}
              UNION ALL
              SELECT 'externalId' AS via, external_id AS key, person_id, toUnixTimestamp64Milli(imported_at) AS at
              FROM ${TABLES.personProfiles} FINAL
              WHERE site_id = {siteId:String} AND external_id != '' AND external_id IN {externalIds:Array(String)}
              )
              ORDER BY at, person_id`,
      query_params: { siteId, ...keys },
    },
    row,
  );
  return rows.map((r) => ({ via: r.via, key: r.key, personId: r.person_id, at: r.at }));
}
