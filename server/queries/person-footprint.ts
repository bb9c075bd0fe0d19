import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

/** Where a person's visitor ids left rows that are not keyed by visitor: their chats and the rollup quarters they were counted in. */
export interface PersonFootprint {
  chatIds: string[];
  /** UTC quarter hours (epoch seconds) with an event of theirs: visitor_quarters rows to rebuild. */
  quarters: number[];
}

export async function getPersonFootprint(client: ClickHouseClient, siteId: string, visitorIds: readonly string[]): Promise<PersonFootprint> {
  const result = await client.query({
    query: `SELECT groupUniqArrayIf(chat_id, chat_id != '') AS chatIds,
                   groupUniqArray(toUnixTimestamp(toStartOfFifteenMinutes(ts))) AS quarters
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)}`,
    query_params: { siteId, ids: visitorIds },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ chatIds: string[]; quarters: (number | string)[] }>();
  return { chatIds: row?.chatIds ?? [], quarters: (row?.quarters ?? []).map(Number) };
}
