import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { BOT_NAME, type BotScope } from './fragments/bot-scope.ts';

export interface BotPageRow {
  path: string;
  hits: number;
  bots: number;
}

/** The paths bots hit most, of one bot when `bot` is given. */
export async function getBotPages(
  client: ClickHouseClient,
  scope: BotScope,
  bot?: string,
  limit = 200,
): Promise<BotPageRow[]> {
  return readRows(
    client,
    {
      query: `SELECT path, count() AS hits, uniqExact(${BOT_NAME}) AS bots
              FROM ${TABLES.botEvents}
              WHERE ${scope.where} ${bot === undefined ? '' : `AND ${BOT_NAME} = {bot:String}`}
              GROUP BY path
              ORDER BY hits DESC, path
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, bot: bot ?? '', limit },
    },
    z.object({ path: col.text, hits: col.int, bots: col.int }),
  );
}
