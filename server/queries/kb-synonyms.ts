import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface KbSynonyms {
  siteId: string;
  groups: string[][];
  /** The stored version; 0 when the site never saved any. */
  version: number;
}

/** The newest synonym set of one site or (siteId null, to build the index) of every site. */
export async function listKbSynonyms(client: ClickHouseClient, siteId: string | null): Promise<KbSynonyms[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, groups, version
            FROM ${TABLES.kbSynonyms}
            WHERE {all:Bool} OR site_id = {siteId:String}
            ORDER BY site_id, version DESC
            LIMIT 1 BY site_id`,
      query_params: { all: siteId === null, siteId: siteId ?? '' },
    },
    z.object({ site_id: col.text, groups: z.array(col.texts), version: col.int }),
  );
  return rows.map((r) => ({ siteId: r.site_id, groups: r.groups, version: r.version }));
}
