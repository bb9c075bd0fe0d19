import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Where a person's visitor ids left rows that are not keyed by visitor: their chats and the rollup quarters they were counted in. */
export interface PersonFootprint {
  chatIds: string[];
  /** UTC quarter hours (epoch seconds) with an event of theirs: visitor_quarters rows to rebuild. */
  quarters: number[];
}

export async function getPersonFootprint(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: readonly string[],
): Promise<PersonFootprint> {
  const rows = await readRows(
    client,
    {
      query: `SELECT groupUniqArrayIf(chat_id, chat_id != '') AS chatIds,
                   groupUniqArray(toUnixTimestamp(toStartOfFifteenMinutes(ts))) AS quarters
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}`,
      query_params: { siteId, ids: visitorIds },
    },
    z.object({ chatIds: col.texts, quarters: z.array(col.int) }),
  );
  const [row] = rows;
  return { chatIds: row?.chatIds ?? [], quarters: row?.quarters ?? [] };
}
