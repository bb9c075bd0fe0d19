import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import { RECORDING_COLUMNS, recordingRow, type RecordingRow } from './call-recording.ts';

/** The recorded calls of a person (their visitor ids) or of their chats: an erasure deletes them. */
export async function getPersonRecordings(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: string[],
  chatIds: string[],
): Promise<RecordingRow[]> {
  return readRows(
    client,
    {
      query: `SELECT ${RECORDING_COLUMNS} FROM ${TABLES.callRecordings} FINAL
              WHERE site_id = {siteId:String}
                AND (visitor_id IN {visitorIds:Array(String)} OR (chat_id != '' AND chat_id IN {chatIds:Array(String)}))`,
      query_params: { siteId, visitorIds, chatIds },
    },
    recordingRow,
  );
}
