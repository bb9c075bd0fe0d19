import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PersonProfileRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const row = z.object({
  site_id: col.text,
  person_id: col.text,
  external_id: col.text,
  tags: col.text,
  fields: z.record(z.string(), z.string()),
  imported_at: col.ms,
  updated_at: col.ms,
});

/**
 * The imported details of these people (by person id; a visitor's profile passes all its
 * visitor ids, since a person id is its first visitor's id). Newest version of each row.
 */
export async function getPersonProfiles(
  client: ClickHouseClient,
  siteId: string,
  personIds: readonly string[],
): Promise<PersonProfileRow[]> {
  if (personIds.length === 0) return [];
  return readRows(
    client,
    {
      query: `SELECT site_id, person_id, external_id, tags, fields,
                     toUnixTimestamp64Milli(imported_at) AS imported_at, toUnixTimestamp64Milli(updated_at) AS updated_at
              FROM ${TABLES.personProfiles} FINAL
              WHERE site_id = {siteId:String} AND person_id IN {personIds:Array(String)}
              ORDER BY updated_at DESC`,
      query_params: { siteId, personIds: [...personIds] },
    },
    row,
  );
}
