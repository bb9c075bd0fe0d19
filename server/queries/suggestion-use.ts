import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface SuggestionUse {
  userId: string;
  /** Distinct (chat, article) pairs shown: an article that stays on screen while the visitor types on counts once per chat. */
  shown: number;
  used: number;
}

const row = z.object({ user_id: col.text, shown: col.int, used: col.int });

/**
 * Suggestion use per agent in a range (the report's site and window; page filters do not
 * apply: suggestions are the agent's, not a visitor's). Callers bind {siteId}, {from}, {to}.
 */
export async function getSuggestionUse(
  client: ClickHouseClient,
  range: { siteId: string; from: number; to: number },
): Promise<SuggestionUse[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT user_id,
                     uniqExactIf((chat_id, article_id), kind = 'shown') AS shown,
                     countIf(kind = 'used') AS used
              FROM ${TABLES.suggestionEvents}
              WHERE site_id = {siteId:String}
                AND at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})
              GROUP BY user_id
              ORDER BY used DESC, shown DESC, user_id`,
      query_params: range,
    },
    row,
  );
  return rows.map((r) => ({ userId: r.user_id, shown: r.shown, used: r.used }));
}
