import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { TERMS_FILTERS, TERMS_WINDOW, termsParams } from './fragments/terms-scope.ts';

export interface HotWordReach {
  /** Chats of the range with a visitor message or pre-chat question holding the term. */
  chats: number;
  /** Offline messages of the range holding it: they have no chat, only a lead. */
  offline: number;
}

/**
 * Where a term can be followed to: how many chats hold it and how many offline messages. A
 * word written only in offline messages leads to no chat, and the drawer says so instead of
 * opening an empty chat history.
 */
export async function getHotWordReach(
  client: ClickHouseClient,
  siteId: string,
  range: { from: number; to: number },
  filters: ReportFilters,
  term: string,
): Promise<HotWordReach> {
  const [row] = await readRows(
    client,
    {
      query: `SELECT uniqExactIf(chat_id, chat_id != '') AS chats, countIf(kind = 'offline') AS offline
            FROM ${TABLES.visitorTerms} FINAL
            WHERE ${TERMS_FILTERS} AND ${TERMS_WINDOW} AND has(terms, {term:String})`,
      query_params: { ...termsParams(siteId, filters), from: range.from, to: range.to, term },
    },
    z.object({ chats: col.int, offline: col.int }),
  );
  return { chats: row?.chats ?? 0, offline: row?.offline ?? 0 };
}
