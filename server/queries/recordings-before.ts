import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import { RECORDING_COLUMNS, recordingRow, type RecordingRow } from './call-recording.ts';

/** A site's recordings made before `before` (epoch ms): past its retention period. */
export async function getRecordingsBefore(
  client: ClickHouseClient,
  siteId: string,
  before: number,
): Promise<RecordingRow[]> {
  return readRows(
    client,
    {
      query: `SELECT ${RECORDING_COLUMNS} FROM ${TABLES.callRecordings} FINAL
              WHERE site_id = {siteId:String} AND created_at < fromUnixTimestamp64Milli({before:Int64})`,
      query_params: { siteId, before },
    },
    recordingRow,
  );
}
