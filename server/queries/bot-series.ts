import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { BOT_NAME, type BotScope } from './fragments/bot-scope.ts';

export interface BotPoint {
  /** Start of the bucket (local hour or day of the site), epoch ms. */
  at: number;
  hits: number;
}

const BUCKET = { hour: 'toStartOfHour', day: 'toStartOfDay' } as const;

/** Bot hits per local hour or day, of one bot when `bot` is given; empty buckets are absent. */
export async function getBotSeries(
  client: ClickHouseClient,
  scope: BotScope,
  bucket: keyof typeof BUCKET,
  timeZone: string,
  bot?: string,
): Promise<BotPoint[]> {
  return readRows(
    client,
    {
      query: `SELECT toUnixTimestamp(${BUCKET[bucket]}(ts, {tz:String})) * 1000 AS at, count() AS hits
              FROM ${TABLES.botEvents}
              WHERE ${scope.where} ${bot === undefined ? '' : `AND ${BOT_NAME} = {bot:String}`}
              GROUP BY at
              ORDER BY at`,
      query_params: { ...scope.params, tz: timeZone, bot: bot ?? '' },
    },
    z.object({ at: col.ms, hits: col.int }),
  );
}
