import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface PersonChat {
  chatId: string;
  /** When it was asked for (or the invitation accepted), epoch ms. */
  startedAt: number;
  /** '' when no agent took it. */
  agentId: string;
  /** The visitor's first message (the pre-chat question when they gave one); '' when they wrote none. */
  question: string;
}

/**
 * The newest chats of these visitor ids (a person's), rebuilt from their lifecycle events as
 * the chat history reads them, each with the first thing the visitor wrote in it.
 */
export async function getPersonChats(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: readonly string[],
  limit: number,
): Promise<PersonChat[]> {
  const rows = await readRows(
    client,
    {
      // Aliases are prefixed so they cannot shadow the columns inside the subqueries.
      query: `SELECT c.p_chat AS chatId, c.p_started AS startedAt, c.p_agent AS agentId, m.p_question AS question
            FROM (
              SELECT chat_id AS p_chat, toUnixTimestamp64Milli(min(ts)) AS p_started, argMaxIf(agent_id, ts, type = 'chat_started') AS p_agent
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)} AND chat_id != ''
                AND type IN ('chat_requested', 'chat_started', 'chat_ended')
              GROUP BY chat_id
              HAVING countIf(type IN ('chat_requested', 'chat_started')) > 0
              ORDER BY p_started DESC, p_chat
              LIMIT {limit:UInt32}
            ) AS c
            LEFT JOIN (
              SELECT chat_id AS m_chat, argMin(body, seq) AS p_question
              FROM ${TABLES.chatMessages} FINAL
              WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)} AND sender = 'visitor'
              GROUP BY chat_id
            ) AS m ON m.m_chat = c.p_chat
            ORDER BY startedAt DESC, chatId`,
      query_params: { siteId, ids: visitorIds, limit },
    },
    z.object({ chatId: col.text, startedAt: col.ms, agentId: col.text, question: col.text.nullable() }),
  );
  return rows.map((r) => ({ ...r, question: r.question ?? '' }));
}
