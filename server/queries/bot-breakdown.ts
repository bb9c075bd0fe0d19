import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { BOT_CATEGORY, BOT_NAME, type BotScope } from './fragments/bot-scope.ts';

export interface BotBreakdownRow {
  value: string;
  /** The bot's category; for a category row, the category itself. */
  category: string;
  hits: number;
  /** Distinct paths hit. */
  pages: number;
  lastSeen: number;
}

const BY = { name: BOT_NAME, category: BOT_CATEGORY } as const;

/** Bot hits by bot name or by category, most first. */
export async function getBotBreakdown(
  client: ClickHouseClient,
  scope: BotScope,
  by: keyof typeof BY,
  limit = 200,
): Promise<BotBreakdownRow[]> {
  return readRows(
    client,
    {
      query: `SELECT ${BY[by]} AS value, any(${BOT_CATEGORY}) AS category, count() AS hits,
                     uniqExact(path) AS pages, toUnixTimestamp64Milli(max(ts)) AS lastSeen
              FROM ${TABLES.botEvents}
              WHERE ${scope.where}
              GROUP BY value
              ORDER BY hits DESC, value
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, category: col.text, hits: col.int, pages: col.int, lastSeen: col.ms }),
  );
}
