import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { BOT_NAME, type BotScope } from './fragments/bot-scope.ts';

export interface BotSummary {
  hits: number;
  bots: number;
  /** Human page views of the same window: the share is hits ÷ (hits + pageviews). */
  pageviews: number;
}

/** The Bots screen's figures: what ingest kept out, against what it kept. */
export async function getBotSummary(client: ClickHouseClient, scope: BotScope): Promise<BotSummary> {
  const [row] = await readRows(
    client,
    {
      query: `SELECT count() AS hits, uniqExact(${BOT_NAME}) AS bots,
                     (SELECT count() FROM ${TABLES.events} WHERE ${scope.where} AND type = 'pageview') AS pageviews
              FROM ${TABLES.botEvents}
              WHERE ${scope.where}`,
      query_params: scope.params,
    },
    z.object({ hits: col.int, bots: col.int, pageviews: col.int }),
  );
  return row ?? { hits: 0, bots: 0, pageviews: 0 };
}
