import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import { RECORDING_COLUMNS, recordingRow, type RecordingRow } from './call-recording.ts';

/** The recorded calls of one chat, oldest first (the transcript plays them). */
export async function getChatRecordings(
  client: ClickHouseClient,
  siteId: string,
  chatId: string,
): Promise<RecordingRow[]> {
  return readRows(
    client,
    {
      query: `SELECT ${RECORDING_COLUMNS} FROM ${TABLES.callRecordings} FINAL
              WHERE site_id = {siteId:String} AND chat_id = {chatId:String}
              ORDER BY created_ms`,
      query_params: { siteId, chatId },
    },
    recordingRow,
  );
}
