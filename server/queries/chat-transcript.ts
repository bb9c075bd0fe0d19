import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ChatFile } from '../contract/chat-files.ts';

export interface TranscriptMessage {
  seq: number;
  at: number;
  /** system: a line the server wrote, e.g. a web call's (CALL_LINE). */
  /** staff: a whisper or transfer note, read only when asked for (the dashboard; never the open API). */
  sender: 'visitor' | 'agent' | 'robot' | 'system' | 'staff';
  agentId: string;
  body: string;
  /** A file sent in the chat (its name is the body). */
  file?: ChatFile;
  /** On staff messages: a whisper or a transfer note, and who wrote it. */
  staff?: { kind: 'whisper' | 'note'; name: string };
}

const fileMeta = z.object({
  file: z.object({ id: z.string(), name: z.string(), size: z.number(), type: z.string() }),
});

/** A stored message's file, if its meta holds one (robot notes and older rows hold none). */
function fileOf(meta: string): ChatFile | undefined {
  if (!meta.startsWith('{"file"')) return undefined;
  try {
    const parsed = fileMeta.safeParse(JSON.parse(meta));
    return parsed.success ? parsed.data.file : undefined;
  } catch {
    return undefined;
  }
}

/** One chat's messages in the order they were sent. FINAL: a message re-sent after a reconnect may still be two rows until they merge. */
export async function getChatTranscript(
  client: ClickHouseClient,
  siteId: string,
  chatId: string,
  withStaff = false,
): Promise<TranscriptMessage[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT seq, toUnixTimestamp64Milli(ts) AS at, sender, agent_id, body, meta,
                   JSONExtractString(meta, 'staff') AS staff_kind, JSONExtractString(meta, 'name') AS staff_name
            FROM ${TABLES.chatMessages} FINAL
            WHERE site_id = {siteId:String} AND chat_id = {chatId:String}
              AND ({withStaff:UInt8} = 1 OR sender != 'staff')
            ORDER BY seq, ts`,
      query_params: { siteId, chatId, withStaff: withStaff ? 1 : 0 },
    },
    z.object({
      seq: col.int,
      at: col.ms,
      sender: col.text,
      agent_id: col.text,
      body: col.text,
      meta: col.text,
      staff_kind: col.text,
      staff_name: col.text,
    }),
  );
  return rows.map((r) => ({
    ...(r.sender !== 'robot' && fileOf(r.meta) && { file: fileOf(r.meta) }),
    seq: r.seq,
    at: r.at,
    sender:
      r.sender === 'agent' || r.sender === 'robot' || r.sender === 'system' || r.sender === 'staff'
        ? r.sender
        : 'visitor',
    agentId: r.agent_id,
    body: r.body,
    ...(r.sender === 'staff' && {
      staff: { kind: r.staff_kind === 'note' ? ('note' as const) : ('whisper' as const), name: r.staff_name },
    }),
  }));
}
