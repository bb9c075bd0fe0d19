import { z } from 'zod';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

// Who may read and write a visitor's chat: whoever holds the token the chat was started
// with. The visitor id is no secret (it is in dashboard URLs and CSV exports), the token is:
// 256 random bits, sent once to the page that started the chat; the store keeps its hash.

export const newChatToken = (): string => randomBytes(32).toString('base64url');

export const hashChatToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Constant time in the token's content; an empty or absent token matches nothing. */
export function tokenMatches(hash: Buffer | null, token: string): boolean {
  const presented = hashChatToken(token);
  // A damaged stored hash of another length would make timingSafeEqual throw.
  if (!hash || !token || hash.length !== presented.length) return false;
  return timingSafeEqual(hash, presented);
}

/** Resolves once the hash is stored: the token is not shown before a restart could lose it. */
export async function storeChatToken(
  ch: ClickHouseClient,
  row: { siteId: string; chatId: string; visitorId: string; hash: Buffer; at: number },
): Promise<void> {
  await ch.insert({
    table: TABLES.chatTokens,
    values: [
      {
        site_id: row.siteId,
        chat_id: row.chatId,
        visitor_id: row.visitorId,
        token_hash: row.hash.toString('hex'),
        created_at: row.at,
      },
    ],
    format: 'JSONEachRow',
  });
}

/** The hashes of the chats a restart brings back, by chat id. */
export async function loadChatTokens(ch: ClickHouseClient, chatIds: string[]): Promise<Map<string, Buffer>> {
  if (chatIds.length === 0) return new Map();
  const rows = await readRows(
    ch,
    {
      query: `SELECT chat_id, any(token_hash) AS token_hash FROM ${TABLES.chatTokens} WHERE chat_id IN {chatIds:Array(String)} GROUP BY chat_id`,
      query_params: { chatIds },
    },
    z.object({ chat_id: col.text, token_hash: col.text }),
  );
  return new Map(rows.map((r) => [r.chat_id, Buffer.from(r.token_hash, 'hex')]));
}
