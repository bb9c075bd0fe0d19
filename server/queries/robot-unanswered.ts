import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface UnansweredQuestion {
  question: string;
  /** How often the robot declined exactly this question in the range. */
  times: number;
  lastAt: number;
}

/** The questions the robot declined (no article passed the threshold), most asked first. */
export async function getRobotUnanswered(
  client: ClickHouseClient,
  scope: Scope,
  limit: number,
): Promise<UnansweredQuestion[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT props['question'] AS question, count() AS times, toUnixTimestamp64Milli(max(ts)) AS last_at
            FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'robot_answered' AND props['kind'] = 'decline' AND props['question'] != ''
            GROUP BY question
            ORDER BY times DESC, last_at DESC
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ question: col.text, times: col.int, last_at: col.ms }),
  );
  return rows.map((r) => ({ question: r.question, times: r.times, lastAt: r.last_at }));
}
