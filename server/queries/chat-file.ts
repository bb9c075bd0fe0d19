import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const chatFileRow = z.object({
  site_id: col.text,
  file_id: col.text,
  chat_id: col.text,
  visitor_id: col.text,
  name: col.text,
  mime: col.text,
  size: col.int,
  storage: z.enum(['files', 'mail']),
  path: col.text,
});
export type ChatFileRow = z.infer<typeof chatFileRow>;

/** One file of a site by id, or null (never stored, another site's, or erased). */
export async function getChatFile(ch: ClickHouseClient, siteId: string, fileId: string): Promise<ChatFileRow | null> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT site_id, file_id, chat_id, visitor_id, name, mime, size, storage, path
              FROM ${TABLES.chatFiles} FINAL
              WHERE site_id = {siteId:String} AND file_id = {fileId:String}
              LIMIT 1`,
      query_params: { siteId, fileId },
    },
    chatFileRow,
  );
  return rows[0] ?? null;
}
