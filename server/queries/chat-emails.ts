import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The emails of one conversation, oldest first: a reply's References and the subject it answers. */
export async function chatEmails(
  ch: ClickHouseClient,
  siteId: string,
  chatId: string,
): Promise<{ messageId: string; direction: 'in' | 'out'; subject: string; from: string }[]> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT message_id, direction, subject, from_address FROM ${TABLES.emailMessages} FINAL
              WHERE site_id = {siteId:String} AND chat_id = {chatId:String}
              ORDER BY ts, message_id`,
      query_params: { siteId, chatId },
    },
    z.object({ message_id: col.text, direction: z.enum(['in', 'out']), subject: col.text, from_address: col.text }),
  );
  return rows.map((r) => ({
    messageId: r.message_id,
    direction: r.direction,
    subject: r.subject,
    from: r.from_address,
  }));
}
