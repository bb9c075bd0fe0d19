import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The chat a channel message already went to ('' = none yet), for idempotent retries. */
export async function getChannelMessage(
  client: ClickHouseClient,
  m: { siteId: string; channelId: string; senderId: string; messageId: string },
): Promise<string | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT chat_id FROM ${TABLES.channelMessages}
            WHERE site_id = {siteId:String} AND channel_id = {channelId:String}
              AND sender_id = {senderId:String} AND message_id = {messageId:String}
            LIMIT 1`,
      query_params: m,
    },
    z.object({ chat_id: col.text }),
  );
  return rows[0]?.chat_id ?? null;
}
