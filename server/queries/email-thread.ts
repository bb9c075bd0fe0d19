import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/**
 * The stored emails of a site among these Message-IDs (the new mail's own id, its
 * In-Reply-To and References): which conversation a reply belongs to, and whether the
 * mail itself is already stored. Newest first.
 */
export async function emailThread(
  ch: ClickHouseClient,
  siteId: string,
  messageIds: string[],
): Promise<
  { messageId: string; chatId: string; visitorId: string; direction: string; from: string; subject: string }[]
> {
  if (messageIds.length === 0) return [];
  const rows = await readRows(
    ch,
    {
      query: `SELECT message_id, chat_id, visitor_id, direction, from_address, subject FROM ${TABLES.emailMessages} FINAL
              WHERE site_id = {siteId:String} AND message_id IN {ids:Array(String)}
              ORDER BY ts DESC`,
      query_params: { siteId, ids: messageIds },
    },
    z.object({
      message_id: col.text,
      chat_id: col.text,
      visitor_id: col.text,
      direction: col.text,
      from_address: col.text,
      subject: col.text,
    }),
  );
  return rows.map((r) => ({
    messageId: r.message_id,
    chatId: r.chat_id,
    visitorId: r.visitor_id,
    direction: r.direction,
    from: r.from_address,
    subject: r.subject,
  }));
}
