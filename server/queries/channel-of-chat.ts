import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Which channel and sender a channel chat belongs to: where an agent's reply goes. */
export async function getChannelOfChat(
  client: ClickHouseClient,
  siteId: string,
  chatId: string,
): Promise<{ channelId: string; senderId: string } | null> {
  const rows = await readRows(
    client,
    {
      query: `SELECT channel_id, sender_id FROM ${TABLES.channelMessages}
            WHERE site_id = {siteId:String} AND chat_id = {chatId:String}
            ORDER BY ts DESC LIMIT 1`,
      query_params: { siteId, chatId },
    },
    z.object({ channel_id: col.text, sender_id: col.text }),
  );
  const r = rows[0];
  return r ? { channelId: r.channel_id, senderId: r.sender_id } : null;
}
