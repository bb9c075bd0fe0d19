import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface TranscriptMessage {
  seq: number;
  at: number;
  /** system: a line the server wrote, e.g. a web call's (CALL_LINE). */
  sender: 'visitor' | 'agent' | 'robot' | 'system';
  agentId: string;
  body: string;
}

/** One chat's messages in the order they were sent. FINAL: a message re-sent after a reconnect may still be two rows until they merge. */
export async function getChatTranscript(
  client: ClickHouseClient,
  siteId: string,
  chatId: string,
): Promise<TranscriptMessage[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT seq, toUnixTimestamp64Milli(ts) AS at, sender, agent_id, body
            FROM ${TABLES.chatMessages} FINAL
            WHERE site_id = {siteId:String} AND chat_id = {chatId:String}
            ORDER BY seq, ts`,
      query_params: { siteId, chatId },
    },
    z.object({ seq: col.int, at: col.ms, sender: col.text, agent_id: col.text, body: col.text }),
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    sender: r.sender === 'agent' || r.sender === 'robot' || r.sender === 'system' ? r.sender : 'visitor',
    agentId: r.agent_id,
    body: r.body,
  }));
}
