import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface RobotSummary {
  /** Chats the robot served from their start. */
  chats: number;
  /** Of those, a person was asked for (queued, or offered the offline form when nobody could chat). */
  handedOver: number;
  /** Closed without a handover and without the same visitor asking for a chat within a day after. */
  resolved: number;
}

/**
 * The robot's chats of the range with how they ended. Only the three event types its figures
 * read, named so the sort key skips the rest (as the per-agent report does).
 */
export async function getRobotSummary(client: ClickHouseClient, scope: Scope): Promise<RobotSummary> {
  const rows = await readRows(
    client,
    {
      query: `WITH robot AS (
              SELECT chat_id,
                     any(visitor_id) AS visitor,
                     countIf(type = 'chat_handover') > 0 AS handed,
                     countIf(type = 'chat_ended') > 0 AS closed,
                     maxIf(ts, type = 'chat_ended') AS ended
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type IN ('chat_started', 'chat_handover', 'chat_ended') AND chat_id != ''
              GROUP BY chat_id
              HAVING countIf(type = 'chat_started' AND props['robot'] = '1') > 0
            ),
            -- The visitor's later chat requests, past the range's end too: a return the day after still counts.
            asked AS (
              SELECT visitor_id AS visitor, chat_id AS later_chat, min(ts) AS at
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String} AND type = 'chat_requested'
                AND ts >= fromUnixTimestamp64Milli({from:Int64})
                AND visitor_id IN (SELECT visitor FROM robot)
              GROUP BY visitor_id, chat_id
            ),
            judged AS (
              SELECT robot.chat_id AS chat_id, any(handed) AS handed, any(closed) AS closed,
                     countIf(asked.later_chat != robot.chat_id AND asked.at > robot.ended
                             AND asked.at <= robot.ended + INTERVAL 1 DAY) > 0 AS returned
              FROM robot LEFT JOIN asked ON asked.visitor = robot.visitor
              GROUP BY robot.chat_id
            )
            SELECT count() AS chats, countIf(handed) AS handed_over, countIf(closed AND NOT handed AND NOT returned) AS resolved
            FROM judged
            SETTINGS join_use_nulls = 0`,
      query_params: scope.params,
    },
    z.object({ chats: col.int, handed_over: col.int, resolved: col.int }),
  );
  const r = rows[0];
  return { chats: r?.chats ?? 0, handedOver: r?.handed_over ?? 0, resolved: r?.resolved ?? 0 };
}
