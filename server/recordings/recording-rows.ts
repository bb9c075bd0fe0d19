import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { RecordingRow } from '../queries/call-recording.ts';

/** A recording's row as written: created_at in epoch ms. */
export type RecordingInsert = Omit<RecordingRow, 'created_ms'> & { created_at: number };

/** Writes a recording's row; a higher version replaces the one before (ReplacingMergeTree). */
export async function saveRecordingRow(ch: ClickHouseClient, row: RecordingInsert): Promise<void> {
  await ch.insert({ table: TABLES.callRecordings, values: [row], format: 'JSONEachRow' });
}

/** Deletes the rows of these calls (their files are gone first). */
export async function deleteRecordingRows(ch: ClickHouseClient, siteId: string, callIds: string[]): Promise<void> {
  if (callIds.length === 0) return;
  await ch.command({
    query: `DELETE FROM ${TABLES.callRecordings} WHERE site_id = {siteId:String} AND call_id IN {callIds:Array(String)}
            SETTINGS lightweight_deletes_sync = 2`,
    query_params: { siteId, callIds },
  });
}
